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
}
