namespace CrossTenantSecurity.Engine
{
    /// <summary>Where posture data is read from.</summary>
    public enum PostureSource
    {
        /// <summary>
        /// Resource Graph where it needs far fewer requests than a fan-out (regulatory compliance with controls)
        /// across many subscriptions; ARM otherwise. At Resource Graph's default quota (15 queries per 5 s)
        /// a fan-out is faster for the core posture lists (performance-model.md).
        /// </summary>
        Auto = 0,
        /// <summary>Per-subscription Azure Resource Manager calls.</summary>
        Arm,
        /// <summary>Azure Resource Graph queries in batches of 1,000 subscriptions, with ARM for subscriptions that return no rows.</summary>
        ResourceGraph,
    }
}
