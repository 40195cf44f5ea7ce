using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>
    /// The kinds a snapshot reads for each subscription, in two lanes side by side: the paged lists (assessments, then
    /// alerts) in one, the short reads in the other.
    /// </summary>
    internal sealed class SnapshotKinds
    {
        private static readonly ISnapshotKind SecureScore = new SnapshotKind<SecureScore>(PostureKinds.SecureScore, (a, s, row) => a.Add(s, row));
        private static readonly ISnapshotKind SecureScoreControls = new SnapshotKind<SecureScoreControl>(PostureKinds.SecureScoreControls, (a, s, row) => a.Add(s, row));
        private static readonly ISnapshotKind Recommendations = new SnapshotKind<Recommendation>(PostureKinds.Recommendations, (a, s, row) => a.Add(s, row));
        private static readonly ISnapshotKind AssessmentTallies = new SnapshotKind<AssessmentTally>(PostureKinds.Recommendations.ParsedAs(AssessmentTally.Parse),
            (a, s, row) => s.AddAssessment(row.Key, row.DisplayName, row.Severity, row.Status));
        private static readonly ISnapshotKind Alerts = new SnapshotKind<Alert>(PostureKinds.Alerts, (a, s, row) => a.Add(s, row));
        private static readonly ISnapshotKind DefenderPlans = new SnapshotKind<DefenderPlan>(PostureKinds.DefenderPlans, (a, s, row) => a.Add(s, row));
        private static readonly ISnapshotKind ComplianceStandards = new SnapshotKind<RegulatoryComplianceStandard>(PostureKinds.ComplianceStandards, (a, s, row) => a.Add(s, row));
        private static readonly ISnapshotKind Delegations = new SnapshotKind<Delegation>(PostureKinds.Delegations, (a, s, row) => a.Add(s, row));

        /// <param name="keepsDetail">Whether assessments are kept as Recommendations, or only counted.</param>
        public SnapshotKinds(bool keepsDetail)
        {
            ISnapshotKind assessments = keepsDetail ? Recommendations : AssessmentTallies;
            PagedLane = new[] { assessments, Alerts };
            ShortLane = new[] { SecureScore, SecureScoreControls, DefenderPlans, ComplianceStandards, Delegations };
            All = new[] { SecureScore, SecureScoreControls, assessments, Alerts, DefenderPlans, ComplianceStandards, Delegations };
        }

        /// <summary>The kinds read page after page (the subscription's longest chains).</summary>
        public IReadOnlyList<ISnapshotKind> PagedLane { get; }

        /// <summary>The short reads; the score first, as it fails first on a subscription without Defender.</summary>
        public IReadOnlyList<ISnapshotKind> ShortLane { get; }

        public IReadOnlyList<ISnapshotKind> All { get; }

        public IEnumerable<ISnapshotKind> InResourceGraph => All.Where(k => k.InResourceGraph);
    }
}
