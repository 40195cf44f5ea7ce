using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.Ingestion
{
    /// <summary>
    /// The rows a snapshot sends to the CtPostureHistory_CL table (docs/log-analytics/CtPostureHistory_CL.md): one per
    /// customer (RowKind "Tenant") and one per subscription (RowKind "Subscription"), the same facts the SQLite summary
    /// tables keep, so a trend reads the same from either store. Column names are the table's; values are JSON scalars.
    /// </summary>
    public static class PostureIngestionRows
    {
        /// <summary>Every column of the table with its Log Analytics type, in order.</summary>
        public static IReadOnlyList<(string Name, string Type)> Columns { get; } = new[]
        {
            ("TimeGenerated", "datetime"), ("SnapshotId", "string"), ("RowKind", "string"), ("ManagingTenantId", "string"),
            ("TenantId", "string"), ("TenantName", "string"), ("SubscriptionId", "string"), ("SubscriptionName", "string"),
            ("SecureScore", "real"), ("ScoreCurrent", "real"), ("ScoreMax", "real"), ("Weight", "long"),
            ("UnhealthyHigh", "int"), ("UnhealthyMedium", "int"), ("UnhealthyLow", "int"), ("ActiveAlerts", "int"), ("ActiveAlertsHigh", "int"),
            ("PlansEnabled", "int"), ("PlansRead", "int"), ("EnabledPlans", "string"), ("CompliancePassed", "int"), ("ComplianceFailed", "int"),
            ("FailedKinds", "string"), ("ModuleVersion", "string"),
        };

        /// <summary>The rows of one snapshot. <paramref name="snapshotId"/> ties the rows of one run together (a GUID per run).</summary>
        public static IReadOnlyList<Dictionary<string, object?>> From(PostureSnapshot snapshot, string snapshotId, string? moduleVersion)
        {
            if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
            string time = snapshot.TakenAt.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
            var rows = new List<Dictionary<string, object?>>(snapshot.Tenants.Count + snapshot.Subscriptions.Count);
            foreach (TenantPostureSummary t in snapshot.Tenants)
            {
                rows.Add(Row(time, snapshotId, "Tenant", snapshot.ManagingTenantId, t.TenantId, t.TenantName, null, null,
                    double.IsNaN(t.Percentage) ? null : Math.Round(t.Percentage, 2), t.Current, t.Max, t.Weight, t.Unhealthy, t.ActiveAlerts,
                    t.Plans.Sum(p => p.EnabledCount), t.Plans.Sum(p => p.SubscriptionCount), null,
                    t.Compliance.Sum(c => c.PassedControls), t.Compliance.Sum(c => c.FailedControls), null, moduleVersion));
            }
            foreach (SubscriptionPostureSummary s in snapshot.Subscriptions)
            {
                rows.Add(Row(time, snapshotId, "Subscription", snapshot.ManagingTenantId, s.TenantId, s.TenantName, s.SubscriptionId, s.SubscriptionName,
                    s.Percentage is double p ? Math.Round(p, 2) : null, s.Current, s.Max, s.Weight, s.Unhealthy, s.ActiveAlerts,
                    s.EnabledPlans.Count, s.PlansRead.Count, string.Join(",", s.EnabledPlans),
                    s.Compliance.Sum(c => c.PassedControls), s.Compliance.Sum(c => c.FailedControls), string.Join(",", s.FailedKinds), moduleVersion));
            }
            return rows;
        }

        private static Dictionary<string, object?> Row(string time, string snapshotId, string kind, Guid managing, Guid tenantId, string? tenantName,
            string? subscriptionId, string? subscriptionName, double? score, double? current, double? max, long weight, SeverityCounts unhealthy, SeverityCounts alerts,
            int plansEnabled, int plansRead, string? enabledPlans, int passed, int failed, string? failedKinds, string? moduleVersion) =>
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["TimeGenerated"] = time, ["SnapshotId"] = snapshotId, ["RowKind"] = kind, ["ManagingTenantId"] = managing.ToString(),
                ["TenantId"] = tenantId.ToString(), ["TenantName"] = tenantName, ["SubscriptionId"] = subscriptionId, ["SubscriptionName"] = subscriptionName,
                ["SecureScore"] = score, ["ScoreCurrent"] = current, ["ScoreMax"] = max, ["Weight"] = weight,
                ["UnhealthyHigh"] = unhealthy.High, ["UnhealthyMedium"] = unhealthy.Medium, ["UnhealthyLow"] = unhealthy.Low,
                ["ActiveAlerts"] = alerts.Total, ["ActiveAlertsHigh"] = alerts.High, ["PlansEnabled"] = plansEnabled, ["PlansRead"] = plansRead,
                ["EnabledPlans"] = enabledPlans, ["CompliancePassed"] = passed, ["ComplianceFailed"] = failed, ["FailedKinds"] = failedKinds,
                ["ModuleVersion"] = moduleVersion,
            };
    }
}
