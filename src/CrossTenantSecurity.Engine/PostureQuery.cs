namespace CrossTenantSecurity.Engine
{
    /// <summary>Which subscriptions a posture command covers, and how many it reads at once.</summary>
    public sealed class PostureQuery
    {
        public SubscriptionQuery Scope { get; set; } = new SubscriptionQuery();
        /// <summary>Subscriptions read in parallel (each one's requests run one after another, so this bounds requests in flight).</summary>
        public int MaxConcurrency { get; set; } = 64;
        public PostureSource Source { get; set; } = PostureSource.Auto;
        /// <summary>With <see cref="PostureSource.Auto"/>, heavy lists use Resource Graph from this many subscriptions on.</summary>
        public int ResourceGraphThreshold { get; set; } = 50;

        /// <summary>Set when the scope was already resolved, so it is not listed twice.</summary>
        internal System.Collections.Generic.List<DelegatedSubscription>? ResolvedSubscriptions { get; private set; }

        internal PostureQuery WithSubscriptions(System.Collections.Generic.List<DelegatedSubscription> subscriptions) => new PostureQuery
        {
            Scope = Scope,
            MaxConcurrency = MaxConcurrency,
            Source = Source,
            ResourceGraphThreshold = ResourceGraphThreshold,
            ResolvedSubscriptions = subscriptions,
        };
    }
}
