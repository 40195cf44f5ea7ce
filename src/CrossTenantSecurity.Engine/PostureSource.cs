namespace CrossTenantSecurity.Engine
{
    /// <summary>Where posture data is read from.</summary>
    public enum PostureSource
    {
        /// <summary>Resource Graph for the heavy lists (recommendations, compliance) across many subscriptions; ARM otherwise.</summary>
        Auto = 0,
        /// <summary>Per-subscription Azure Resource Manager calls.</summary>
        Arm,
        /// <summary>Azure Resource Graph queries in batches of 1,000 subscriptions, with ARM for subscriptions that return no rows.</summary>
        ResourceGraph,
    }
}
