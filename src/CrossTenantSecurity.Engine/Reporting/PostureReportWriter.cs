using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossTenantSecurity.Engine.Reporting
{
    /// <summary>Writes a snapshot as a self-contained HTML report, as schema-versioned JSON, and as CSV files per kind.</summary>
    public static class PostureReportWriter
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        public static void WriteHtml(PostureSnapshot snapshot, string path) => WriteHtml(snapshot, path, null);

        /// <summary>With <paramref name="history"/> (trend points from Get-CtPostureHistory), a secure score trend chart per customer.</summary>
        public static void WriteHtml(PostureSnapshot snapshot, string path, IReadOnlyList<PostureTrendPoint>? history)
        {
            if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
            using var writer = new StreamWriter(path, append: false, Utf8);
            HtmlReportWriter.Write(snapshot, writer, history);
        }

        public static string ToHtml(PostureSnapshot snapshot) => ToHtml(snapshot, null);

        public static string ToHtml(PostureSnapshot snapshot, IReadOnlyList<PostureTrendPoint>? history)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            HtmlReportWriter.Write(snapshot, writer, history);
            return writer.ToString();
        }

        /// <summary>The snapshot as JSON: SchemaVersion first, NaN written as "NaN", enums as names.</summary>
        public static void WriteJson(PostureSnapshot snapshot, string path)
        {
            if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
            var options = new JsonSerializerOptions
            {
                WriteIndented = true,
                NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
                Converters = { new JsonStringEnumConverter() },
            };
            using FileStream stream = File.Create(path);
            JsonSerializer.Serialize(stream, snapshot, options);
        }

        /// <summary>
        /// One CSV per kind next to <paramref name="basePath"/> (base.tenants.csv, base.subscriptions.csv, ...), and the
        /// full rows (base.detail-*.csv) when the snapshot has them. Returns the files written.
        /// </summary>
        public static IReadOnlyList<string> WriteCsv(PostureSnapshot snapshot, string basePath)
        {
            if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
            var written = new List<string>();
            void Write<T>(string kind, IEnumerable<T> rows)
            {
                string path = $"{basePath}.{kind}.csv";
                CsvWriter.Write(path, rows);
                written.Add(path);
            }
            Write("tenants", snapshot.Tenants);
            Write("subscriptions", snapshot.Subscriptions);
            Write("plans", snapshot.Tenants.SelectMany(t => t.Plans.Select(p => new { t.TenantId, t.TenantName, p.Plan, p.EnabledCount, p.SubscriptionCount, p.Percentage })));
            Write("compliance", snapshot.Tenants.SelectMany(t => t.Compliance.Select(c => new { t.TenantId, t.TenantName, c.Standard, c.PassedControls, c.FailedControls, c.SkippedControls, c.SubscriptionCount, c.PassedPercentage })));
            Write("recommendations", snapshot.TopRecommendations);
            Write("controls", snapshot.TopControls);
            Write("failures", snapshot.Failures);
            if (snapshot.Detail is { } d)
            {
                Write("detail-securescores", d.SecureScores);
                Write("detail-controls", d.Controls);
                Write("detail-assessments", d.Recommendations);
                Write("detail-alerts", d.Alerts);
                Write("detail-plans", d.Plans);
                Write("detail-compliance", d.Compliance);
                Write("detail-delegations", d.Delegations);
            }
            return written;
        }
    }
}
