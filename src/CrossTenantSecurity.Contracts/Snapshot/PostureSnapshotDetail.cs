using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>The full rows a snapshot read (only with Get-CtPostureSnapshot -IncludeDetail): for export, not for the report.</summary>
    public sealed class PostureSnapshotDetail
    {
        public PostureSnapshotDetail(IReadOnlyList<SecureScore> secureScores, IReadOnlyList<SecureScoreControl> controls, IReadOnlyList<Recommendation> recommendations,
            IReadOnlyList<Alert> alerts, IReadOnlyList<DefenderPlan> plans, IReadOnlyList<RegulatoryComplianceStandard> compliance, IReadOnlyList<Delegation> delegations)
        {
            SecureScores = secureScores;
            Controls = controls;
            Recommendations = recommendations;
            Alerts = alerts;
            Plans = plans;
            Compliance = compliance;
            Delegations = delegations;
        }

        public IReadOnlyList<SecureScore> SecureScores { get; }
        public IReadOnlyList<SecureScoreControl> Controls { get; }
        /// <summary>Every assessment (Healthy, Unhealthy and NotApplicable).</summary>
        public IReadOnlyList<Recommendation> Recommendations { get; }
        public IReadOnlyList<Alert> Alerts { get; }
        public IReadOnlyList<DefenderPlan> Plans { get; }
        public IReadOnlyList<RegulatoryComplianceStandard> Compliance { get; }
        public IReadOnlyList<Delegation> Delegations { get; }

        public override string ToString() => $"{SecureScores.Count} scores, {Controls.Count} controls, {Recommendations.Count} assessments, {Alerts.Count} alerts, {Plans.Count} plans, {Compliance.Count} standards, {Delegations.Count} delegations";
    }
}
