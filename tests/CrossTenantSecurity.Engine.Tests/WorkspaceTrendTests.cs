using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Engine.History;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>Get-CtPostureHistory -Workspace: the KQL it sends and the trend points it reads back.</summary>
    public class WorkspaceTrendTests
    {
        private static readonly Guid Northwind = Guid.Parse("22222222-2222-4222-8222-222222222222");
        private static readonly Guid Tailspin = Guid.Parse("33333333-3333-4333-8333-333333333333");

        [Fact]
        public void The_default_query_reads_customer_rows_with_every_metrics_columns_in_scope_and_time_order()
        {
            Assert.Equal(
                "CtPostureHistory_CL\n| where RowKind == \"Tenant\"\n" +
                "| distinct SnapshotId, TimeGenerated, TenantId, TenantName, SecureScore, UnhealthyHigh, ActiveAlerts, PlansEnabled, PlansRead, CompliancePassed, ComplianceFailed\n" +
                "| order by TenantId asc, TimeGenerated asc, SnapshotId asc",
                WorkspaceTrendKql.Build(new TrendQuery()));
        }

        [Theory]
        [InlineData(PostureMetric.SecureScore, "SecureScore")]
        [InlineData(PostureMetric.UnhealthyHigh, "UnhealthyHigh")]
        [InlineData(PostureMetric.ActiveAlerts, "ActiveAlerts")]
        [InlineData(PostureMetric.PlanCoverage, "PlansEnabled, PlansRead")]
        [InlineData(PostureMetric.Compliance, "CompliancePassed, ComplianceFailed")]
        public void Each_metric_projects_the_columns_it_is_computed_from(PostureMetric metric, string columns)
        {
            string kql = WorkspaceTrendKql.Build(new TrendQuery { Metrics = new[] { metric } });
            Assert.Contains("| distinct SnapshotId, TimeGenerated, TenantId, TenantName, " + columns + "\n", kql, StringComparison.Ordinal);
        }

        [Fact]
        public void Tenants_subscriptions_and_dates_become_filters_of_formatted_values()
        {
            var query = new TrendQuery
            {
                TenantIds = new[] { Northwind, Tailspin },
                SubscriptionIds = new[] { " 1A111111-0000-4000-8000-000000000001 " },
                Since = new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.FromHours(1)),
                Until = new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero),
                Metrics = new[] { PostureMetric.SecureScore },
            };
            Assert.Equal(
                "CtPostureHistory_CL\n| where RowKind == \"Subscription\"\n" +
                "| where TenantId in~ (\"22222222-2222-4222-8222-222222222222\", \"33333333-3333-4333-8333-333333333333\")\n" +
                "| where SubscriptionId in~ (\"1a111111-0000-4000-8000-000000000001\")\n" +
                "| where TimeGenerated >= datetime(2026-03-01T06:00:00.0000000Z)\n" +
                "| where TimeGenerated <= datetime(2026-03-31T00:00:00.0000000Z)\n" +
                "| distinct SnapshotId, TimeGenerated, TenantId, TenantName, SubscriptionId, SubscriptionName, FailedKinds, SecureScore\n" +
                "| order by TenantId asc, SubscriptionId asc, TimeGenerated asc, SnapshotId asc",
                WorkspaceTrendKql.Build(query));
        }

        [Theory]
        [InlineData("\") | union SecurityEvent | where (\"\" == \"")]
        [InlineData("1a111111-0000-4000-8000-000000000001\" or 1==1 or \"")]
        [InlineData("x | take 1")]
        public void A_subscription_id_that_is_not_a_GUID_is_refused_and_never_reaches_the_query(string injected)
        {
            var e = Assert.Throws<CrossTenantException>(() => WorkspaceTrendKql.Build(new TrendQuery { SubscriptionIds = new[] { injected } }));
            Assert.Equal("History.InvalidSubscriptionId", e.ErrorId);
            Assert.Equal(CrossTenantErrorKind.InvalidArgument, e.Kind);
        }

        [Fact]
        public void Rows_become_points_as_the_SQLite_trend_computes_them_with_snapshots_numbered_in_time_order()
        {
            string[] columns = WorkspaceTrendKql.Columns(new[] { PostureMetric.UnhealthyHigh, PostureMetric.PlanCoverage }, bySubscription: true).ToArray();
            Assert.Equal(new[] { "SnapshotId", "TimeGenerated", "TenantId", "TenantName", "SubscriptionId", "SubscriptionName", "FailedKinds", "UnhealthyHigh", "PlansEnabled", "PlansRead" }, columns);
            var day1 = new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
            var table = new LogAnalyticsTable("PrimaryResult", columns.Select(c => new LogAnalyticsColumn(c, "string")).ToList(), new List<IReadOnlyList<object?>>
            {
                new object?[] { "b-run", day1, Northwind.ToString(), "Northwind", "sub-1", "Prod", "", 4L, 3L, 4L },
                new object?[] { "a-run", day1.AddDays(1), Northwind.ToString(), "Northwind", "sub-1", "Prod", "Recommendation", null, 4L, 4L },
                new object?[] { "b-run", day1, Tailspin.ToString(), "Tailspin", "sub-2", "Dev", "", 1L, 0L, 0L },
            });

            var points = WorkspaceTrendReader.Read(table, new TrendQuery { BySubscription = true, Metrics = new[] { PostureMetric.PlanCoverage, PostureMetric.UnhealthyHigh } });

            Assert.Equal(new (long, string?, PostureMetric, double?, double?)[]
            {
                (1, "sub-1", PostureMetric.UnhealthyHigh, 4, null), (1, "sub-1", PostureMetric.PlanCoverage, 75, null),
                (2, "sub-1", PostureMetric.UnhealthyHigh, null, null), (2, "sub-1", PostureMetric.PlanCoverage, 100, 25),
                (1, "sub-2", PostureMetric.UnhealthyHigh, 1, null), (1, "sub-2", PostureMetric.PlanCoverage, null, null),
            }, points.Select(p => (p.SnapshotId, p.SubscriptionId, p.Metric, p.Value, p.Change)));
            Assert.All(points, p => Assert.NotNull(p.TenantName));
        }
    }
}
