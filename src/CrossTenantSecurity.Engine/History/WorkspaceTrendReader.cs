using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>
    /// Trend points from the rows <see cref="WorkspaceTrendKql"/> returns, computed as <see cref="TrendReader"/> computes
    /// them from SQLite. The table's SnapshotId is a GUID; points number the snapshots 1, 2, … in time order instead,
    /// so that they carry the same long id as the SQLite trend of the same snapshots.
    /// </summary>
    internal static class WorkspaceTrendReader
    {
        public static List<PostureTrendPoint> Read(LogAnalyticsTable table, TrendQuery query)
        {
            var column = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < table.Columns.Count; i++) column[table.Columns[i].Name] = i;
            object? Cell(IReadOnlyList<object?> row, string name) => column.TryGetValue(name, out int i) ? row[i] : null;

            // Number the snapshots by time across every scope, as SQLite numbers them in the order they were saved.
            var numbers = table.Rows
                .Select(r => (Id: Text(Cell(r, "SnapshotId")) ?? string.Empty, At: Date(Cell(r, "TimeGenerated"))))
                .Distinct().OrderBy(s => s.At).ThenBy(s => s.Id, StringComparer.Ordinal)
                .Select((s, i) => (s.Id, Number: (long)i + 1)).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().Number);

            PostureMetric[] metrics = query.Metrics.Distinct().OrderBy(m => m).ToArray();
            var points = new List<PostureTrendPoint>();
            var previous = new double?[metrics.Length];
            string? lastScope = null;
            foreach (IReadOnlyList<object?> row in table.Rows)
            {
                Guid tenantId = Guid.Parse(Text(Cell(row, "TenantId"))!);
                string? subscriptionId = Empty(Text(Cell(row, "SubscriptionId")));
                string scope = subscriptionId ?? tenantId.ToString();
                if (!string.Equals(scope, lastScope, StringComparison.OrdinalIgnoreCase))
                {
                    Array.Clear(previous, 0, previous.Length);
                    lastScope = scope;
                }
                string failed = Text(Cell(row, "FailedKinds")) ?? string.Empty;
                long id = numbers[Text(Cell(row, "SnapshotId")) ?? string.Empty];
                DateTimeOffset takenAt = Date(Cell(row, "TimeGenerated"));
                for (int i = 0; i < metrics.Length; i++)
                {
                    double? value = Value(metrics[i], name => Cell(row, name), failed);
                    double? change = value is double v && previous[i] is double p ? Math.Round(v - p, 2) : null;
                    points.Add(new PostureTrendPoint(id, takenAt, tenantId, Empty(Text(Cell(row, "TenantName"))), subscriptionId,
                        Empty(Text(Cell(row, "SubscriptionName"))), metrics[i], value, change));
                    if (value is not null) previous[i] = value;
                }
            }
            return points;
        }

        private static double? Value(PostureMetric metric, Func<string, object?> cell, string failedKinds)
        {
            switch (metric)
            {
                case PostureMetric.SecureScore:
                    return Number(cell("SecureScore")) is double score ? Math.Round(score, 2) : null;
                case PostureMetric.UnhealthyHigh:
                    return Failed(failedKinds, "Recommendation") ? null : Number(cell("UnhealthyHigh")) ?? 0;
                case PostureMetric.ActiveAlerts:
                    return Failed(failedKinds, "Alert") ? null : Number(cell("ActiveAlerts")) ?? 0;
                case PostureMetric.PlanCoverage:
                    double enabled = Number(cell("PlansEnabled")) ?? 0, read = Number(cell("PlansRead")) ?? 0;
                    return read == 0 ? null : Math.Round(100.0 * enabled / read, 1);
                case PostureMetric.Compliance:
                    double passed = Number(cell("CompliancePassed")) ?? 0, failed = Number(cell("ComplianceFailed")) ?? 0;
                    return passed + failed == 0 ? null : Math.Round(100.0 * passed / (passed + failed), 1);
                default:
                    return null;
            }
        }

        private static bool Failed(string failedKinds, string kind) =>
            failedKinds.Length > 0 && failedKinds.Split(',').Contains(kind, StringComparer.OrdinalIgnoreCase);

        private static double? Number(object? value) => value switch
        {
            null => null,
            double d => d,
            long l => l,
            int i => i,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            _ => null,
        };

        private static string? Text(object? value) => value switch
        {
            null => null,
            string s => s,
            Guid g => g.ToString(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

        private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

        private static DateTimeOffset Date(object? value) => value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => DateTimeOffset.MinValue,
        };
    }
}
