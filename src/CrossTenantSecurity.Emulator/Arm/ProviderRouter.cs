using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Emulator.Authorization;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>
    /// Dispatches ".../providers/{namespace}/..." requests to their operation after ARM's own checks, in
    /// ARM's order: known resource type, api-version, scope, role-based access (with Lighthouse),
    /// provider registration, and read-only disabled subscriptions for writes.
    /// </summary>
    internal static class ProviderRouter
    {
        public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime, IReadOnlyList<ProviderOperation> operations)
        {
            foreach (string method in new[] { "GET", "PUT", "POST", "DELETE", "PATCH" })
            {
                app.MapMethods("/subscriptions/{subscriptionId}/{**rest}", new[] { method }, (Delegate)((HttpContext http) => DispatchAsync(http, runtime, operations)));
                app.MapMethods("/providers/{**rest}", new[] { method }, (Delegate)((HttpContext http) => DispatchAsync(http, runtime, operations)));
            }
        }

        private static async System.Threading.Tasks.Task<IResult> DispatchAsync(HttpContext http, EmulatorRuntime runtime, IReadOnlyList<ProviderOperation> operations)
        {
            string path = http.Request.Path.Value ?? string.Empty;
            if (!ProviderPath.TryParse(path, out ProviderPath target))
                return ArmErrors.Create(400, "InvalidResourceType", $"The resource type could not be found for path '{path}'.");

            ProviderOperation? operation = operations.FirstOrDefault(o =>
                o.Namespace.Equals(target.Namespace, StringComparison.OrdinalIgnoreCase) && o.Method == http.Request.Method && target.Matches(o.Pattern));
            if (operation is null)
            {
                bool known = operations.Any(o => o.Namespace.Equals(target.Namespace, StringComparison.OrdinalIgnoreCase) && target.Matches(o.Pattern));
                return known
                    ? ArmErrors.Create(405, "MethodNotAllowed", $"The requested method '{http.Request.Method}' is not allowed for this resource.")
                    : ArmErrors.Create(400, "InvalidResourceType",
                        $"The resource type '{string.Join("/", target.Segments.Where((_, i) => i % 2 == 0))}' could not be found in the namespace '{target.Namespace}' for api version '{http.Request.Query["api-version"]}'.");
            }

            if (operation.Versions.Check(http.Request, out string version) is { } versionError) return versionError;
            if (!ScopeAllowed(operation.Scopes, target))
                return ArmErrors.Create(400, "InvalidScope", $"The scope '{target.Scope}' is not valid for '{operation.Action}'.");

            ArmCaller caller = ArmCaller.From(http);
            if (target.SubscriptionId is Guid subscriptionId)
            {
                if (runtime.Authorizer.Check(caller, subscriptionId, target.ResourceGroup, operation.Action, target.Scope) is { } denied) return denied;
                ScenarioSubscription subscription = runtime.Estate.Subscription(subscriptionId)!;
                if (operation.Namespace == "Microsoft.Security" && runtime.Posture.For(subscriptionId) is { SecurityRegistered: false })
                    return ArmErrors.Create(409, "MissingSubscriptionRegistration",
                        "The subscription is not registered to use namespace 'Microsoft.Security'. See https://aka.ms/rps-not-found for how to register subscriptions.");
                if (operation.Method != "GET" && subscription.State is "Disabled" or "Deleted")
                    return ArmErrors.Create(409, "ReadOnlyDisabledSubscription",
                        $"The subscription '{subscriptionId}' is disabled and therefore marked as read only. You cannot perform any write actions on this subscription until it is re-enabled.");
            }
            string body = http.Request.Method is "PUT" or "POST" or "PATCH" ? await new System.IO.StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted) : string.Empty;
            return operation.Handle(new ProviderCall(http, caller, target, version, runtime, body));
        }

        private static bool ScopeAllowed(ScopeKinds allowed, ProviderPath target) =>
            (target.IsTenantScope && allowed.HasFlag(ScopeKinds.Tenant)) ||
            (target.IsSubscriptionScope && allowed.HasFlag(ScopeKinds.Subscription)) ||
            (target.IsResourceGroupScope && allowed.HasFlag(ScopeKinds.ResourceGroup)) ||
            (target.IsResourceScope && allowed.HasFlag(ScopeKinds.Resource));
    }
}
