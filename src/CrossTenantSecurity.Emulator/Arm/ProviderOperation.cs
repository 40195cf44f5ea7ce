using System;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Arm
{
    [Flags]
    internal enum ScopeKinds { Tenant = 1, Subscription = 2, ResourceGroup = 4, Resource = 8 }

    /// <summary>One REST operation of a resource provider: where it lives, what it needs, what it does.</summary>
    internal sealed record ProviderOperation(
        string Namespace, string Method, string[] Pattern, ScopeKinds Scopes, string Action, ApiVersionRule Versions, Func<ProviderCall, IResult> Handle);

    /// <summary>Everything a handler needs about an authorised request.</summary>
    internal sealed record ProviderCall(HttpContext Http, ArmCaller Caller, ProviderPath Path, string ApiVersion, EmulatorRuntime Runtime, string Body)
    {
        public string Query(string name) => Http.Request.Query[name].ToString();
        public string Segment(int index) => Path.Segments[index];
        public Guid Subscription => Path.SubscriptionId ?? throw new InvalidOperationException("Operation needs a subscription scope.");
    }
}
