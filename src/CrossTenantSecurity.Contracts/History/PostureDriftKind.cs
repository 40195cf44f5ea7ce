namespace CrossTenantSecurity
{
    /// <summary>What changed between two snapshots.</summary>
    public enum PostureDriftKind : long   // long-based: ConvertTo-Json writes its name (see SubscriptionAccessType)
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
