namespace CrossTenantSecurity
{
    /// <summary>How many of a customer's (or the estate's) audited subscriptions have one Defender plan on the Standard tier.</summary>
    public sealed class PlanCoverage
    {
        public PlanCoverage(string plan, int enabledCount, int subscriptionCount)
        {
            Plan = plan;
            EnabledCount = enabledCount;
            SubscriptionCount = subscriptionCount;
        }

        public string Plan { get; }
        public int EnabledCount { get; }
        /// <summary>Subscriptions whose plans were read.</summary>
        public int SubscriptionCount { get; }
        /// <summary>0-100; NaN when no subscription's plans were read.</summary>
        public double Percentage => SubscriptionCount == 0 ? double.NaN : System.Math.Round(100.0 * EnabledCount / SubscriptionCount, 1);

        public override string ToString() => $"{Plan}: {EnabledCount}/{SubscriptionCount}";
    }
}
