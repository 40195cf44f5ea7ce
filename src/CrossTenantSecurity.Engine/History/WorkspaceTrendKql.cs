using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>
    /// The KQL that reads a trend back from CtPostureHistory_CL (docs/log-analytics/CtPostureHistory_CL.md). Every value
    /// from the user reaches the text as a parsed GUID or date formatted here, never as the text the user typed, so no
    /// input can change the query's shape. "distinct" folds the duplicate rows a retried batch can leave.
    /// </summary>
    public static class WorkspaceTrendKql
    {
        public const string Table = "CtPostureHistory_CL";

        public static string Build(TrendQuery query)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            bool bySubscription = query.BySubscription || query.SubscriptionIds.Count > 0;
            Guid[] subscriptions = query.SubscriptionIds.Select(ParseSubscription).Distinct().ToArray();
            var kql = new StringBuilder(Table);
            kql.Append("\n| where RowKind == \"").Append(bySubscription ? "Subscription" : "Tenant").Append('"');
            if (query.TenantIds.Count > 0) kql.Append("\n| where TenantId in~ (").Append(Quoted(query.TenantIds.Distinct())).Append(')');
            if (subscriptions.Length > 0) kql.Append("\n| where SubscriptionId in~ (").Append(Quoted(subscriptions)).Append(')');
            if (query.Since is DateTimeOffset since) kql.Append("\n| where TimeGenerated >= ").Append(Date(since));
            if (query.Until is DateTimeOffset until) kql.Append("\n| where TimeGenerated <= ").Append(Date(until));
            kql.Append("\n| distinct ").Append(string.Join(", ", Columns(query.Metrics, bySubscription)));
            kql.Append(bySubscription
                ? "\n| order by TenantId asc, SubscriptionId asc, TimeGenerated asc, SnapshotId asc"
                : "\n| order by TenantId asc, TimeGenerated asc, SnapshotId asc");
            return kql.ToString();
        }

        /// <summary>The columns the query returns: the scope, then what the asked metrics are computed from.</summary>
        public static IReadOnlyList<string> Columns(IEnumerable<PostureMetric> metrics, bool bySubscription)
        {
            var columns = new List<string> { "SnapshotId", "TimeGenerated", "TenantId", "TenantName" };
            if (bySubscription) columns.AddRange(new[] { "SubscriptionId", "SubscriptionName", "FailedKinds" });
            foreach (PostureMetric metric in metrics.Distinct().OrderBy(m => m))
            {
                columns.AddRange(metric switch
                {
                    PostureMetric.SecureScore => new[] { "SecureScore" },
                    PostureMetric.UnhealthyHigh => new[] { "UnhealthyHigh" },
                    PostureMetric.ActiveAlerts => new[] { "ActiveAlerts" },
                    PostureMetric.PlanCoverage => new[] { "PlansEnabled", "PlansRead" },
                    PostureMetric.Compliance => new[] { "CompliancePassed", "ComplianceFailed" },
                    _ => throw new ArgumentOutOfRangeException(nameof(metrics), metric, "Unknown metric."),
                });
            }
            return columns;
        }

        private static Guid ParseSubscription(string id) =>
            Guid.TryParse(id?.Trim(), out Guid guid)
                ? guid
                : throw new CrossTenantException("History.InvalidSubscriptionId", CrossTenantErrorKind.InvalidArgument,
                    $"'{id}' is not a subscription id.", "Pass the subscription's GUID.");

        private static string Quoted(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(g => "\"" + g.ToString("D") + "\""));

        private static string Date(DateTimeOffset at) =>
            "datetime(" + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + ")";
    }
}
