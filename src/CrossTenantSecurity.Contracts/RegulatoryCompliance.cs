namespace CrossTenantSecurity
{
    /// <summary>A regulatory compliance standard of a subscription with its control counts.</summary>
    public sealed class RegulatoryComplianceStandard : SubscriptionScoped
    {
        public RegulatoryComplianceStandard(SubscriptionRef subscription, string standard, string? state, int passedControls, int failedControls,
            int skippedControls, int unsupportedControls, string id)
            : base(subscription)
        {
            Standard = standard;
            State = state;
            PassedControls = passedControls;
            FailedControls = failedControls;
            SkippedControls = skippedControls;
            UnsupportedControls = unsupportedControls;
            Id = id;
        }

        public string Standard { get; }
        /// <summary>Passed, Failed, Skipped, Unsupported (normalised to this case; unknown values kept).</summary>
        public string? State { get; }
        public int PassedControls { get; }
        public int FailedControls { get; }
        public int SkippedControls { get; }
        public int UnsupportedControls { get; }
        /// <summary>Passed controls as a share of passed + failed, 0-100.</summary>
        public double PassedPercentage => PassedControls + FailedControls == 0 ? 0 : System.Math.Round(100.0 * PassedControls / (PassedControls + FailedControls), 1);
        public string Id { get; }

        public override string ToString() => $"{Standard}: {State} ({PassedControls} passed, {FailedControls} failed)";
    }

    /// <summary>One control of a regulatory compliance standard (with -IncludeControls).</summary>
    public sealed class RegulatoryComplianceControl : SubscriptionScoped
    {
        public RegulatoryComplianceControl(SubscriptionRef subscription, string standard, string control, string? description, string? state,
            int passedAssessments, int failedAssessments, int skippedAssessments, string id)
            : base(subscription)
        {
            Standard = standard;
            Control = control;
            Description = description;
            State = state;
            PassedAssessments = passedAssessments;
            FailedAssessments = failedAssessments;
            SkippedAssessments = skippedAssessments;
            Id = id;
        }

        public string Standard { get; }
        public string Control { get; }
        public string? Description { get; }
        public string? State { get; }
        public int PassedAssessments { get; }
        public int FailedAssessments { get; }
        public int SkippedAssessments { get; }
        public string Id { get; }

        public override string ToString() => $"{Standard} {Control}: {State}";
    }
}
