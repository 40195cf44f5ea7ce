using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>The full rows a snapshot read (only with Get-CtPostureSnapshot -IncludeDetail): for export, not for the report.</summary>
    public sealed class PostureSnapshotDetail
    {
        public PostureSnapshotDetail(IReadOnlyList<SecureScore> secureScores, IReadOnlyList<SecureScoreControl> controls, IReadOnlyList<Recommendation> recommendations,
            IReadOnlyList<Alert> alerts, IReadOnlyList<DefenderPlan> plans, IReadOnlyList<RegulatoryComplianceStandard> compliance, IReadOnlyList<Delegation> delegations)
        {
            SecureScores = ItemList.From(secureScores);
            Controls = ItemList.From(controls);
            Recommendations = ItemList.From(recommendations);
            Alerts = ItemList.From(alerts);
            Plans = ItemList.From(plans);
            Compliance = ItemList.From(compliance);
            Delegations = ItemList.From(delegations);
        }

        public ItemList<SecureScore> SecureScores { get; }
        public ItemList<SecureScoreControl> Controls { get; }
        /// <summary>Every assessment (Healthy, Unhealthy and NotApplicable).</summary>
        public ItemList<Recommendation> Recommendations { get; }
        public ItemList<Alert> Alerts { get; }
        public ItemList<DefenderPlan> Plans { get; }
        public ItemList<RegulatoryComplianceStandard> Compliance { get; }
        public ItemList<Delegation> Delegations { get; }

        public override string ToString() => $"{SecureScores.Count} scores, {Controls.Count} controls, {Recommendations.Count} assessments, {Alerts.Count} alerts, {Plans.Count} plans, {Compliance.Count} standards, {Delegations.Count} delegations";
    }
}
