namespace CrossTenantSecurity
{
    /// <summary>A number the history keeps per customer and subscription.</summary>
    public enum PostureMetric : long   // long-based: ConvertTo-Json writes its name (see SubscriptionAccessType)
    {
        /// <summary>Secure score percentage (0-100).</summary>
        SecureScore,
        /// <summary>Unhealthy high-severity recommendations.</summary>
        UnhealthyHigh,
        /// <summary>Active alerts of any severity.</summary>
        ActiveAlerts,
        /// <summary>Enabled Defender plans as a percentage of the plans read.</summary>
        PlanCoverage,
        /// <summary>Regulatory compliance controls passed as a percentage of passed and failed.</summary>
        Compliance,
    }
}
