using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>
    /// Drift between two snapshot states as typed rows, worst first. Resource-level kinds (assessments, plan tiers,
    /// alerts, delegations) are compared only where both sides hold them and neither side's read of that kind failed,
    /// so a failed read is never mistaken for a change.
    /// </summary>
    public static class DriftCalculator
    {
        /// <summary>Score changes smaller than this (percentage points) are noise, not drift.</summary>
        public const double ScoreTolerance = 0.05;

        public static IReadOnlyList<PostureDrift> Compare(SnapshotState reference, SnapshotState difference)
        {
            if (reference is null) throw new ArgumentNullException(nameof(reference));
            if (difference is null) throw new ArgumentNullException(nameof(difference));
            var rows = new List<PostureDrift>();

            foreach (TenantState after in difference.Tenants.Values)
            {
                if (!reference.Tenants.TryGetValue(after.TenantId, out TenantState? before)) continue;
                if (before.Percentage is double b && after.Percentage is double a && Math.Abs(a - b) >= ScoreTolerance)
                {
                    double change = Math.Round(a - b, 2);
                    rows.Add(new PostureDrift(PostureDriftKind.ScoreChanged, "Tenant", after.TenantId, after.Name, null, null, "Secure score", null, null,
                        Percent(b), Percent(a), change, -change));
                }
            }

            foreach (SubscriptionState gained in difference.Subscriptions.Values.Where(s => !reference.Subscriptions.ContainsKey(s.SubscriptionId)))
                rows.Add(Row(PostureDriftKind.SubscriptionGained, gained, "Subscription", null, null, null, "present", null, -1));
            foreach (SubscriptionState lost in reference.Subscriptions.Values.Where(s => !difference.Subscriptions.ContainsKey(s.SubscriptionId)))
                rows.Add(Row(PostureDriftKind.SubscriptionLost, lost, "Subscription", null, null, "present", null, null, 8));

            foreach (SubscriptionState after in difference.Subscriptions.Values)
            {
                if (!reference.Subscriptions.TryGetValue(after.SubscriptionId, out SubscriptionState? before)) continue;
                if (before.Percentage is double b && after.Percentage is double a && Math.Abs(a - b) >= ScoreTolerance)
                {
                    double change = Math.Round(a - b, 2);
                    rows.Add(Row(PostureDriftKind.ScoreChanged, after, "Secure score", null, null, Percent(b), Percent(a), change, -change));
                }
                ComparePlans(before, after, rows);
                bool detail = reference.HasDetail && difference.HasDetail;
                if (!detail) continue;
                if (Readable(before, after, "Recommendation")) CompareAssessments(before, after, rows);
                if (Readable(before, after, "Alert")) CompareAlerts(before, after, rows);
                if (Readable(before, after, "Delegation")) CompareDelegations(before, after, rows);
            }

            return rows.OrderByDescending(r => r.Impact).ThenBy(r => r.TenantName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(r => r.SubscriptionName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Subject, StringComparer.OrdinalIgnoreCase)
                .ThenBy(r => r.ResourceId, StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static bool Readable(SubscriptionState before, SubscriptionState after, string kind) =>
            !before.FailedKinds.Contains(kind) && !after.FailedKinds.Contains(kind);

        private static void ComparePlans(SubscriptionState before, SubscriptionState after, List<PostureDrift> rows)
        {
            if (!Readable(before, after, "DefenderPlan")) return;
            foreach (PlanState now in after.Plans.Values)
            {
                if (!before.Plans.TryGetValue(now.Plan, out PlanState? then)) continue;
                if (then.Enabled && !now.Enabled)
                    rows.Add(Row(PostureDriftKind.PlanDisabled, after, now.Plan, null, null, then.ToString(), now.ToString(), null, 10));
                else if (!then.Enabled && now.Enabled)
                    rows.Add(Row(PostureDriftKind.PlanEnabled, after, now.Plan, null, null, then.ToString(), now.ToString(), null, -10));
                else if (then.Enabled && now.Enabled && IsDowngrade(then.SubPlan, now.SubPlan))
                    rows.Add(Row(PostureDriftKind.PlanDowngraded, after, now.Plan, null, null, then.ToString(), now.ToString(), null, 6));
            }
        }

        /// <summary>A sub-plan that drops (P2 to P1, or a named plan to none) is a downgrade; an unknown tier on either side is not judged.</summary>
        internal static bool IsDowngrade(string? before, string? after)
        {
            if (string.IsNullOrEmpty(before) || string.Equals(before, after, StringComparison.OrdinalIgnoreCase)) return false;
            if (string.IsNullOrEmpty(after)) return false; // the summary-only side knows no sub-plan
            return Rank(after!) < Rank(before!);
        }

        private static int Rank(string subPlan) =>
            subPlan.Length > 1 && (subPlan[0] == 'P' || subPlan[0] == 'p') && int.TryParse(subPlan.Substring(1), out int n) ? n : 0;

        private static void CompareAssessments(SubscriptionState before, SubscriptionState after, List<PostureDrift> rows)
        {
            foreach ((string key, string resource) in after.Unhealthy)
            {
                if (before.Unhealthy.Contains((key, resource))) continue;
                (string? name, string? severity) = after.Assessments[key];
                rows.Add(Row(PostureDriftKind.NewlyUnhealthy, after, name ?? key, severity, resource, "Healthy", "Unhealthy", null, SeverityWeight(severity)));
            }
            foreach ((string key, string resource) in before.Unhealthy)
            {
                if (after.Unhealthy.Contains((key, resource))) continue;
                (string? name, string? severity) = before.Assessments[key];
                rows.Add(Row(PostureDriftKind.NewlyHealthy, after, name ?? key, severity, resource, "Unhealthy", "Healthy", null, -SeverityWeight(severity)));
            }
        }

        private static void CompareAlerts(SubscriptionState before, SubscriptionState after, List<PostureDrift> rows)
        {
            foreach (AlertState alert in after.ActiveAlerts.Values)
            {
                if (before.ActiveAlerts.ContainsKey(alert.Name) || !string.Equals(alert.Severity, "High", StringComparison.OrdinalIgnoreCase)) continue;
                rows.Add(Row(PostureDriftKind.NewHighAlert, after, alert.DisplayName ?? alert.Name, alert.Severity, null, null, "Active", null, 7));
            }
        }

        private static void CompareDelegations(SubscriptionState before, SubscriptionState after, List<PostureDrift> rows)
        {
            foreach (KeyValuePair<string, string?> d in after.Delegations.Where(d => !before.Delegations.ContainsKey(d.Key)))
                rows.Add(Row(PostureDriftKind.DelegationGained, after, d.Value ?? d.Key, null, d.Key, null, "present", null, -1));
            foreach (KeyValuePair<string, string?> d in before.Delegations.Where(d => !after.Delegations.ContainsKey(d.Key)))
                rows.Add(Row(PostureDriftKind.DelegationLost, after, d.Value ?? d.Key, null, d.Key, "present", null, null, 4));
        }

        private static double SeverityWeight(string? severity) =>
            string.Equals(severity, "High", StringComparison.OrdinalIgnoreCase) ? 5 : string.Equals(severity, "Medium", StringComparison.OrdinalIgnoreCase) ? 3 : 1;

        private static PostureDrift Row(PostureDriftKind kind, SubscriptionState s, string? subject, string? severity, string? resourceId, string? before, string? after, double? change, double impact) =>
            new PostureDrift(kind, "Subscription", s.TenantId, s.TenantName, s.SubscriptionId, s.Name, subject, severity, resourceId, before, after, change, impact);

        private static string Percent(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " %";
    }
}
