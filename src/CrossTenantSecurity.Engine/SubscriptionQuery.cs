using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine
{
    /// <summary>Which reachable subscriptions a command covers.</summary>
    public sealed class SubscriptionQuery
    {
        /// <summary>Also return the signed-in tenant's own subscriptions and those reached directly.</summary>
        public bool IncludeHome { get; set; }
        /// <summary>Only subscriptions whose home tenant is one of these; empty means all.</summary>
        public IReadOnlyCollection<Guid> TenantIds { get; set; } = Array.Empty<Guid>();
        /// <summary>Only these subscriptions (returned whatever their access type); empty means all.</summary>
        public IReadOnlyCollection<string> SubscriptionIds { get; set; } = Array.Empty<string>();
    }
}
