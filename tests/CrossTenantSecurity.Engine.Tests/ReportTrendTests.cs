using System;
using System.Linq;
using System.Text.RegularExpressions;
using CrossTenantSecurity.Engine.Reporting;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The report's secure score trend per customer, drawn from history points; absent without history.</summary>
    public class ReportTrendTests
    {
        private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
        private static readonly Guid Other = Guid.Parse("cccccccc-0000-4000-8000-000000000003");
        private static readonly DateTimeOffset Day = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

        private static PostureTrendPoint Point(long id, Guid tenant, double? value, string? subscription = null, PostureMetric metric = PostureMetric.SecureScore) =>
            new(id, Day.AddDays(id), tenant, "Alpha", subscription, null, metric, value, null);

        private static PostureSnapshot Snapshot() => ReportWriterTests.Build("plain");

        [Fact]
        public void Without_history_the_report_is_unchanged()
        {
            PostureSnapshot snapshot = Snapshot();
            string plain = PostureReportWriter.ToHtml(snapshot);
            Assert.Equal(plain, PostureReportWriter.ToHtml(snapshot, Array.Empty<PostureTrendPoint>()));
            Assert.Equal(plain, PostureReportWriter.ToHtml(snapshot, new[] { Point(1, Other, 50) })); // history of other customers only
            Assert.DoesNotContain("id=\"trend\"", plain, StringComparison.Ordinal);
        }

        [Fact]
        public void Each_customer_with_history_gets_a_line_of_its_secure_scores_in_time_order()
        {
            var history = new[]
            {
                Point(3, A, 72.5), Point(1, A, 60), Point(2, A, null), Point(2, A, 65.25), Point(1, A, 11, subscription: "sub"), Point(1, A, 4, metric: PostureMetric.UnhealthyHigh), Point(1, Other, 99),
            };

            string html = PostureReportWriter.ToHtml(Snapshot(), history);

            Assert.Contains("<a href=\"#trend\">Trend</a>", html, StringComparison.Ordinal);
            Match chart = Regex.Match(html, "<svg class=\"chart trend\" id=\"chart-trend-" + A.ToString("N") + "\".*?</svg>");
            Assert.True(chart.Success, "no trend chart for the customer");
            Assert.Single(Regex.Matches(html, "<svg class=\"chart trend\""));
            Assert.Equal(new[] { "60", "65.25", "72.5" }, Regex.Matches(chart.Value, "data-value=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
            Assert.Contains("<title>2026-03-04 06:00: 72.5 %</title>", chart.Value, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(chart.Value, "<polyline class=\"trend\""));
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal); // still self-contained
        }
    }
}
