namespace CrossTenantSecurity.Engine
{
    /// <summary>A Resource Graph (KQL) query over the subscriptions in scope.</summary>
    public sealed class ResourceGraphQuery
    {
        /// <summary>The KQL text, e.g. "securityresources | where type == 'microsoft.security/securescores'".</summary>
        public string Query { get; set; } = string.Empty;
        /// <summary>Which subscriptions the query covers; resolved like the posture commands (default: every delegated subscription).</summary>
        public SubscriptionQuery Scope { get; set; } = new SubscriptionQuery();
        /// <summary>Batches of at most 1,000 subscriptions queried at once. All of them share one quota governor.</summary>
        public int MaxConcurrency { get; set; } = 4;
        /// <summary>Stop after this many rows in total (null: every row). Use it instead of take/limit, which disable paging.</summary>
        public int? First { get; set; }
    }
}
