using System;

namespace CrossTenantSecurity
{
    /// <summary>
    /// A customer's secure score across its subscriptions: Percentage = sum(weight x current / max) /
    /// sum(weight) x 100 over subscriptions with max above 0.
    /// </summary>
    public sealed class TenantSecureScore
    {
        public TenantSecureScore(Guid tenantId, string? tenantName, double percentage, double current, double max, long weight, int subscriptionCount, int missingCount)
        {
            TenantId = tenantId;
            TenantName = tenantName;
            Percentage = percentage;
            Current = current;
            Max = max;
            Weight = weight;
            SubscriptionCount = subscriptionCount;
            MissingCount = missingCount;
        }

        public Guid TenantId { get; }
        public string? TenantName { get; }
        /// <summary>Weighted percentage (0-100); NaN when no subscription had a score.</summary>
        public double Percentage { get; }
        /// <summary>Sum of current scores (for reference; not comparable across tenants).</summary>
        public double Current { get; }
        public double Max { get; }
        public long Weight { get; }
        /// <summary>Subscriptions that returned a score.</summary>
        public int SubscriptionCount { get; }
        /// <summary>Subscriptions of this customer with no score (not computed yet, or the read failed).</summary>
        public int MissingCount { get; }

        public override string ToString() => $"{TenantName ?? TenantId.ToString()}: {Percentage:0.#}% over {SubscriptionCount} subscription(s)";
    }
}
