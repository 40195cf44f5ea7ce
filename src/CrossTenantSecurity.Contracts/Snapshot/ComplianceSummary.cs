namespace CrossTenantSecurity
{
    /// <summary>One regulatory standard summed over subscriptions: control counts by state.</summary>
    public sealed class ComplianceSummary
    {
        public ComplianceSummary(string standard, int passedControls, int failedControls, int skippedControls, int subscriptionCount)
        {
            Standard = standard;
            PassedControls = passedControls;
            FailedControls = failedControls;
            SkippedControls = skippedControls;
            SubscriptionCount = subscriptionCount;
        }

        public string Standard { get; }
        public int PassedControls { get; }
        public int FailedControls { get; }
        public int SkippedControls { get; }
        /// <summary>Subscriptions that report the standard.</summary>
        public int SubscriptionCount { get; }
        /// <summary>Passed / (passed + failed) x 100; NaN when no control was assessed.</summary>
        public double PassedPercentage => PassedControls + FailedControls == 0 ? double.NaN : System.Math.Round(100.0 * PassedControls / (PassedControls + FailedControls), 1);

        public override string ToString() => $"{Standard}: {PassedControls} passed, {FailedControls} failed";
    }
}
