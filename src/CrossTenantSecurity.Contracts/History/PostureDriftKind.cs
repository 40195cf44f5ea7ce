namespace CrossTenantSecurity
{
    /// <summary>What changed between two snapshots.</summary>
    public enum PostureDriftKind
    {
        ScoreChanged,
        NewlyUnhealthy,
        NewlyHealthy,
        PlanDisabled,
        PlanDowngraded,
        PlanEnabled,
        NewHighAlert,
        SubscriptionGained,
        SubscriptionLost,
        DelegationGained,
        DelegationLost,
    }
}
