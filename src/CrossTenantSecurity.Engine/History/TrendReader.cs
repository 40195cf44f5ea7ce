using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>Trend rows from the summary tables: one indexed range read per query, metrics computed from the row.</summary>
    internal static class TrendReader
    {
        public static List<PostureTrendPoint> Read(SqliteConnection connection, TrendQuery query, CancellationToken ct)
        {
            bool bySubscription = query.BySubscription || query.SubscriptionIds.Count > 0;
            var sql = new StringBuilder();
            using SqliteCommand command = connection.CreateCommand();
            if (bySubscription)
            {
                sql.Append(@"SELECT s.id, s.taken_at, t.tenant_id, r.tenant_name, u.subscription_id, r.subscription_name, r.percentage,
                    r.unhealthy_high, r.alerts_high + r.alerts_medium + r.alerts_low + r.alerts_other,
                    length(r.plans_enabled) - length(replace(r.plans_enabled, ',', '')) + (r.plans_enabled <> ''),
                    length(r.plans_read) - length(replace(r.plans_read, ',', '')) + (r.plans_read <> ''),
                    r.compliance_passed, r.compliance_failed, r.failed_kinds
                    FROM subscription_rows r JOIN snapshots s ON s.id = r.snapshot_id JOIN tenants t ON t.no = r.tenant_no JOIN subscriptions u ON u.no = r.sub_no WHERE 1=1");
                if (query.SubscriptionIds.Count > 0) sql.Append(" AND r.sub_no IN (SELECT no FROM subscriptions WHERE subscription_id IN (").Append(Parameters(command, "$s", query.SubscriptionIds)).Append("))");
                if (query.TenantIds.Count > 0) sql.Append(" AND r.tenant_no IN (SELECT no FROM tenants WHERE tenant_id IN (").Append(Parameters(command, "$t", query.TenantIds.Select(g => g.ToString()))).Append("))");
            }
            else
            {
                sql.Append(@"SELECT s.id, s.taken_at, t.tenant_id, r.tenant_name, NULL, NULL, r.percentage,
                    r.unhealthy_high, r.alerts_high + r.alerts_medium + r.alerts_low + r.alerts_other, r.plans_enabled, r.plans_read,
                    r.compliance_passed, r.compliance_failed, NULL
                    FROM tenant_rows r JOIN snapshots s ON s.id = r.snapshot_id JOIN tenants t ON t.no = r.tenant_no WHERE 1=1");
                if (query.TenantIds.Count > 0) sql.Append(" AND r.tenant_no IN (SELECT no FROM tenants WHERE tenant_id IN (").Append(Parameters(command, "$t", query.TenantIds.Select(g => g.ToString()))).Append("))");
            }
            if (query.Since is DateTimeOffset since)
            {
                sql.Append(" AND s.taken_at >= $since");
                command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            }
            if (query.Until is DateTimeOffset until)
            {
                sql.Append(" AND s.taken_at <= $until");
                command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
            }
            sql.Append(bySubscription ? " ORDER BY r.sub_no, s.taken_at, s.id;" : " ORDER BY r.tenant_no, s.taken_at, s.id;");
            command.CommandText = sql.ToString();

            PostureMetric[] metrics = query.Metrics.Distinct().OrderBy(m => m).ToArray();
            var points = new List<PostureTrendPoint>();
            var previous = new double?[metrics.Length];
            string? lastScope = null;
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                if ((points.Count & 1023) == 0) ct.ThrowIfCancellationRequested();
                long id = reader.GetInt64(0);
                var takenAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
                Guid tenantId = Guid.Parse(reader.GetString(2));
                string? tenantName = reader.IsDBNull(3) ? null : reader.GetString(3);
                string? subscriptionId = reader.IsDBNull(4) ? null : reader.GetString(4);
                string? subscriptionName = reader.IsDBNull(5) ? null : reader.GetString(5);
                string scope = subscriptionId ?? tenantId.ToString();
                if (!string.Equals(scope, lastScope, StringComparison.OrdinalIgnoreCase))
                {
                    Array.Clear(previous, 0, previous.Length);
                    lastScope = scope;
                }
                string failed = reader.IsDBNull(13) ? string.Empty : reader.GetString(13);
                for (int i = 0; i < metrics.Length; i++)
                {
                    double? value = Value(reader, metrics[i], failed);
                    double? change = value is double v && previous[i] is double p ? Math.Round(v - p, 2) : null;
                    points.Add(new PostureTrendPoint(id, takenAt, tenantId, tenantName, subscriptionId, subscriptionName, metrics[i], value, change));
                    if (value is not null) previous[i] = value;
                }
            }
            return points;
        }

        private static double? Value(SqliteDataReader r, PostureMetric metric, string failedKinds)
        {
            switch (metric)
            {
                case PostureMetric.SecureScore:
                    return r.IsDBNull(6) ? null : Math.Round(r.GetDouble(6), 2);
                case PostureMetric.UnhealthyHigh:
                    return Failed(failedKinds, "Recommendation") ? null : r.GetInt64(7);
                case PostureMetric.ActiveAlerts:
                    return Failed(failedKinds, "Alert") ? null : r.GetInt64(8);
                case PostureMetric.PlanCoverage:
                    long enabled = r.GetInt64(9), read = r.GetInt64(10);
                    return read == 0 ? null : Math.Round(100.0 * enabled / read, 1);
                case PostureMetric.Compliance:
                    long passed = r.GetInt64(11), failed = r.GetInt64(12);
                    return passed + failed == 0 ? null : Math.Round(100.0 * passed / (passed + failed), 1);
                default:
                    return null;
            }
        }

        private static bool Failed(string failedKinds, string kind) =>
            failedKinds.Length > 0 && failedKinds.Split(',').Contains(kind, StringComparer.OrdinalIgnoreCase);

        private static string Parameters(SqliteCommand command, string prefix, IEnumerable<string> values)
        {
            var names = new List<string>();
            foreach (string value in values)
            {
                string name = prefix + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue(name, value);
                names.Add(name);
            }
            return string.Join(",", names);
        }
    }
}
