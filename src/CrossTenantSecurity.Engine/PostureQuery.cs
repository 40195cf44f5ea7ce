namespace CrossTenantSecurity.Engine
{
    /// <summary>Which subscriptions a posture command covers, and how many it reads at once.</summary>
    public sealed class PostureQuery
    {
        public SubscriptionQuery Scope { get; set; } = new SubscriptionQuery();
        /// <summary>Subscriptions read in parallel (each one's requests run one after another, so this bounds requests in flight).</summary>
        public int MaxConcurrency { get; set; } = 8;
    }
}
