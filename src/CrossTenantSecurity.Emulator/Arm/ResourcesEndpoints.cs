using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>Microsoft.Resources: Subscriptions - List / Get and Tenants - List.</summary>
    internal static class ResourcesEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime)
        {
            app.MapGet("/subscriptions", (HttpContext context) => ListSubscriptions(context, runtime));
            app.MapGet("/subscriptions/{subscriptionId}", (string subscriptionId, HttpContext context) => GetSubscription(subscriptionId, context, runtime));
            app.MapGet("/tenants", (HttpContext context) => ListTenants(context, runtime));
            app.MapGet("/subscriptions/{subscriptionId}/resourcegroups", (string subscriptionId, HttpContext context) => ListResourceGroups(subscriptionId, context, runtime));
            app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/permissions",
                (string subscriptionId, HttpContext context) => ListPermissions(subscriptionId, null, context, runtime));
            app.MapGet("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Authorization/permissions",
                (string subscriptionId, string resourceGroup, HttpContext context) => ListPermissions(subscriptionId, resourceGroup, context, runtime));
        }

        private static readonly ApiVersionRule PermissionVersions = new("permissions", "2015-07-01", "2018-01-01-preview", "2022-04-01");

        /// <summary>The caller's own effective permissions at a scope: one entry per role that applies there (none for a scope it holds no role at).</summary>
        private static IResult ListPermissions(string subscriptionId, string? resourceGroup, HttpContext context, EmulatorRuntime runtime)
        {
            if (PermissionVersions.Check(context.Request, out _) is { } error) return error;
            if (!Guid.TryParse(subscriptionId, out Guid id) || runtime.Estate.Subscription(id) is null) return ArmErrors.SubscriptionNotFound(subscriptionId);
            ArmCaller caller = ArmCaller.From(context);
            // Only the tenant boundary applies: a caller may always list what it holds itself.
            if (runtime.Authorizer.Check(caller, id, resourceGroup, "*/read", string.Empty) is { } denied && !IsForbidden(denied)) return denied;
            var roles = runtime.Authorizer.RolesAt(caller, id, resourceGroup).Distinct().ToList();
            return Results.Json(new
            {
                value = roles.Select(r => new { actions = r.Actions, notActions = r.NotActions, dataActions = Array.Empty<string>(), notDataActions = Array.Empty<string>() }).ToList(),
            });
        }

        private static bool IsForbidden(IResult result) => result is IStatusCodeHttpResult { StatusCode: 403 };

        private static readonly ApiVersionRule ResourceGroupVersions = new("resourceGroups", "2019-10-01", "2020-06-01", "2021-04-01", "2022-09-01", "2024-03-01");

        /// <summary>Resource groups the caller can read: all of them with a subscription-level role, else those delegated or assigned one by one.</summary>
        private static IResult ListResourceGroups(string subscriptionId, HttpContext context, EmulatorRuntime runtime)
        {
            if (ResourceGroupVersions.Check(context.Request, out _) is { } error) return error;
            if (!Guid.TryParse(subscriptionId, out Guid id)) return ArmErrors.SubscriptionNotFound(subscriptionId);
            ArmCaller caller = ArmCaller.From(context);
            const string action = "Microsoft.Resources/subscriptions/resourceGroups/read";
            ScenarioSubscription? subscription = runtime.Estate.Subscription(id);
            if (subscription is null) return ArmErrors.SubscriptionNotFound(subscriptionId);
            bool wholeSubscription = runtime.Authorizer.RolesAt(caller, id, null).Any(r => r.Allows(action));
            var groups = subscription.ResourceGroupNames().Where(g => wholeSubscription || runtime.Authorizer.RolesAt(caller, id, g).Any(r => r.Allows(action))).ToList();
            if (groups.Count == 0 && runtime.Authorizer.Check(caller, id, null, action, $"/subscriptions/{id}") is { } denied) return denied;
            if (!Paging.TryPage(context.Request, groups, runtime.Estate.Scenario.PageSize, runtime.BaseUrl, out List<string> page, out string? next)) return ArmErrors.InvalidSkipToken();
            string location = (subscription.Posture ?? runtime.Estate.Scenario.DefaultPosture).Location;
            return Results.Json(new
            {
                value = page.Select(g => new
                {
                    id = $"/subscriptions/{id}/resourceGroups/{g}",
                    name = g,
                    type = "Microsoft.Resources/resourceGroups",
                    location,
                    properties = new { provisioningState = "Succeeded" },
                }).ToList(),
                nextLink = next,
            });
        }

        private static IResult ListSubscriptions(HttpContext context, EmulatorRuntime runtime)
        {
            if (ApiVersionRule.Resources.Check(context.Request, out string version) is { } error) return error;
            ArmCaller caller = ArmCaller.From(context);
            IReadOnlyList<ScenarioSubscription> visible = runtime.Estate.VisibleSubscriptions(caller.TenantId, caller.Principal);
            if (!Paging.TryPage(context.Request, visible, runtime.Estate.Scenario.PageSize, runtime.BaseUrl, out List<ScenarioSubscription> page, out string? next))
                return ArmErrors.InvalidSkipToken();
            return Results.Json(new { value = page.Select(s => SubscriptionJson(s, version, runtime)).ToList(), nextLink = next });
        }

        private static IResult GetSubscription(string subscriptionId, HttpContext context, EmulatorRuntime runtime)
        {
            if (ApiVersionRule.Resources.Check(context.Request, out string version) is { } error) return error;
            ArmCaller caller = ArmCaller.From(context);
            if (!Guid.TryParse(subscriptionId, out Guid id))
                return ArmErrors.Create(400, "InvalidSubscriptionId", $"The provided subscription identifier '{subscriptionId}' is malformed or invalid.");
            ScenarioSubscription? sub = runtime.Estate.VisibleSubscriptions(caller.TenantId, caller.Principal).FirstOrDefault(s => s.Id == id);
            return sub is null ? ArmErrors.SubscriptionNotFound(subscriptionId) : Results.Json(SubscriptionJson(sub, version, runtime));
        }

        private static IResult ListTenants(HttpContext context, EmulatorRuntime runtime)
        {
            if (ApiVersionRule.Resources.Check(context.Request, out string version) is { } error) return error;
            ArmCaller caller = ArmCaller.From(context);
            var tenants = runtime.Estate.RelatedTenants(caller.TenantId, caller.Principal);
            if (!Paging.TryPage(context.Request, tenants, runtime.Estate.Scenario.PageSize, runtime.BaseUrl, out var page, out string? next))
                return ArmErrors.InvalidSkipToken();
            bool modern = string.CompareOrdinal(version, "2019-06-01") >= 0;
            return Results.Json(new
            {
                value = page.Select(t => modern
                    ? (object)new
                    {
                        id = $"/tenants/{t.Tenant.Id}",
                        tenantId = t.Tenant.Id.ToString(),
                        countryCode = t.Tenant.CountryCode,
                        displayName = t.Tenant.DisplayName,
                        domains = t.Tenant.Domains,
                        tenantCategory = t.Category,
                        defaultDomain = t.Tenant.DefaultDomain,
                        tenantType = "AAD",
                    }
                    : new { id = $"/tenants/{t.Tenant.Id}", tenantId = t.Tenant.Id.ToString() }).ToList(),
                nextLink = next,
            });
        }

        /// <summary>Versions before 2019-06-01 carry neither the home tenantId nor managedByTenants, as in Azure.</summary>
        private static object SubscriptionJson(ScenarioSubscription s, string version, EmulatorRuntime runtime)
        {
            var policies = new { locationPlacementId = s.LocationPlacementId, quotaId = s.QuotaId, spendingLimit = s.SpendingLimit };
            if (string.CompareOrdinal(version, "2019-06-01") < 0)
                return new { id = $"/subscriptions/{s.Id}", subscriptionId = s.Id.ToString(), displayName = s.DisplayName, state = s.State, subscriptionPolicies = policies, authorizationSource = "RoleBased" };
            return new
            {
                id = $"/subscriptions/{s.Id}",
                subscriptionId = s.Id.ToString(),
                tenantId = s.TenantId.ToString(),
                displayName = s.DisplayName,
                state = s.State,
                subscriptionPolicies = policies,
                authorizationSource = "RoleBased",
                managedByTenants = runtime.Estate.ManagedByTenants(s.Id).Select(t => new { tenantId = t.ToString() }).ToList(),
                tags = s.Tags,
            };
        }
    }
}
