namespace CrossTenantSecurity
{
    /// <summary>One recommendation ranked across customers: its unhealthy resources, subscriptions and tenants.</summary>
    public sealed class RecommendationSummary
    {
        public RecommendationSummary(int rank, string assessmentKey, string? displayName, Severity severity, int unhealthyCount, int subscriptionCount, int tenantCount)
        {
            Rank = rank;
            AssessmentKey = assessmentKey;
            DisplayName = displayName;
            Severity = severity;
            UnhealthyCount = unhealthyCount;
            SubscriptionCount = subscriptionCount;
            TenantCount = tenantCount;
        }

        public int Rank { get; }
        public string AssessmentKey { get; }
        public string? DisplayName { get; }
        public Severity Severity { get; }
        /// <summary>Unhealthy assessments (one per resource).</summary>
        public int UnhealthyCount { get; }
        public int SubscriptionCount { get; }
        public int TenantCount { get; }

        public override string ToString() => $"{Rank}. {Severity} {DisplayName}: {UnhealthyCount} unhealthy";
    }
}
