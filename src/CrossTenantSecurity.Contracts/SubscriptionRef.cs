using System;

namespace CrossTenantSecurity
{
    /// <summary>The identity of a subscription as every output object records it.</summary>
    public sealed class SubscriptionRef
    {
        public SubscriptionRef(string subscriptionId, string? subscriptionName, Guid tenantId, string? tenantName)
        {
            SubscriptionId = subscriptionId;
            SubscriptionName = subscriptionName;
            TenantId = tenantId;
            TenantName = tenantName;
        }

        public string SubscriptionId { get; }
        public string? SubscriptionName { get; }
        public Guid TenantId { get; }
        public string? TenantName { get; }

        public static SubscriptionRef From(DelegatedSubscription s) => new SubscriptionRef(s.SubscriptionId, s.DisplayName, s.TenantId, s.TenantName);

        public override string ToString() => $"{SubscriptionName} ({SubscriptionId})";
    }
}
