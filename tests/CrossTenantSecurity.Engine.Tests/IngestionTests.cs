using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CrossTenantSecurity.Engine.Ingestion;

namespace CrossTenantSecurity.Engine.Tests
{
    public class IngestionTests
    {
        private static readonly DateTimeOffset Day = new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

        [Fact]
        public void Rows_of_a_1000_subscription_snapshot_go_out_in_bodies_under_1_MB_each_once_and_in_order()
        {
            PostureSnapshot snapshot = new SyntheticEstate(1000).Build(Day);
            var rows = PostureIngestionRows.From(snapshot, "run-1", "0.1.0");
            Assert.Equal(100 + 1000, rows.Count);
            var bodies = IngestionBatcher.Batch(rows, maxBytes: 100_000);
            Assert.True(bodies.Count > 1);
            Assert.All(bodies, b => Assert.True(b.Length <= 100_000));
            var back = bodies.SelectMany(b => JsonDocument.Parse(b).RootElement.EnumerateArray().Select(e => e.GetProperty("SubscriptionId").ToString() + "|" + e.GetProperty("TenantId").GetString())).ToList();
            Assert.Equal(rows.Select(r => (r["SubscriptionId"] ?? "") + "|" + r["TenantId"]), back);
            Assert.All(IngestionBatcher.Batch(rows), b => Assert.True(b.Length < 1_000_000));
        }

        [Fact]
        public void Every_row_has_exactly_the_documented_columns_and_the_DCR_template_declares_them()
        {
            var row = PostureIngestionRows.From(new SyntheticEstate(3).Build(Day), "run-1", "0.1.0").Last();
            Assert.Equal(PostureIngestionRows.Columns.Select(c => c.Name), row.Keys);
            string repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
            using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo, "docs/log-analytics/dcr-template.json")));
            var declared = template.RootElement.GetProperty("resources")[2].GetProperty("properties").GetProperty("streamDeclarations")
                .GetProperty("Custom-CtPostureHistory").GetProperty("columns").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!));
            Assert.Equal(PostureIngestionRows.Columns, declared);
            string doc = File.ReadAllText(Path.Combine(repo, "docs/log-analytics/CtPostureHistory_CL.md"));
            Assert.All(PostureIngestionRows.Columns, c => Assert.Contains($"| {c.Name} | {c.Type} |", doc, StringComparison.Ordinal));
        }

        [Fact]
        public void A_row_over_the_limit_is_an_error_not_a_silent_drop()
        {
            var rows = PostureIngestionRows.From(new SyntheticEstate(1).Build(Day), "run-1", new string('x', 2000));
            Assert.Throws<InvalidOperationException>(() => IngestionBatcher.Batch(rows, maxBytes: 1000));
        }
    }
}
