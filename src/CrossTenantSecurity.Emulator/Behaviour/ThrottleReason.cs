namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Which layer answered 429.</summary>
    public enum ThrottleReason
    {
        /// <summary>ARM token buckets (subscription, global or tenant), including penalty 429s.</summary>
        Arm,
        /// <summary>Provider layer (rp-tight): ResourceRequestsThrottled.</summary>
        Provider,
        /// <summary>Random background-job throttle without Retry-After.</summary>
        Background,
        /// <summary>Resource Graph per-principal quota: RateLimiting.</summary>
        ResourceGraph,
    }
}
