namespace CrossTenantSecurity
{
    /// <summary>The result of one gate check on one scope.</summary>
    public enum PostureCheckOutcome : long   // long-based: ConvertTo-Json writes its name (see SubscriptionAccessType)
    {
        Passed,
        Failed,
        /// <summary>Not applicable (nothing to measure) or exempted.</summary>
        Skipped,
        /// <summary>The value could not be read (the subscription or kind failed).</summary>
        Error,
    }
}
