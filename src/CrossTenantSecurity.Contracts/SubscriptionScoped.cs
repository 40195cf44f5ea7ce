using System;

namespace CrossTenantSecurity
{
    /// <summary>What every object that comes from a subscription carries: its customer and its subscription, by id.</summary>
    public abstract class SubscriptionScoped
    {
        protected SubscriptionScoped(SubscriptionRef subscription)
        {
            if (subscription is null) throw new ArgumentNullException(nameof(subscription));
            TenantId = subscription.TenantId;
            TenantName = subscription.TenantName;
            SubscriptionId = subscription.SubscriptionId;
            SubscriptionName = subscription.SubscriptionName;
        }

        /// <summary>Home tenant: the customer that owns the subscription.</summary>
        public Guid TenantId { get; }
        public string? TenantName { get; }
        public string SubscriptionId { get; }
        public string? SubscriptionName { get; }
    }

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
