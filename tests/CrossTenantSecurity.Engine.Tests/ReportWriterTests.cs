using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CrossTenantSecurity.Engine.Reporting;
using CrossTenantSecurity.Engine.Snapshot;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The report writers on hand-built snapshots: every value escaped, one customer narrowed, JSON and CSV shapes.</summary>
    public class ReportWriterTests
    {
        private const string Evil = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&";
        private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
        private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002");

        internal static PostureSnapshot Build(string text)
        {
            var aggregator = new PostureAggregator(includeDetail: true);
            foreach (var (tenant, name, sub) in new[] { (A, "Alpha " + text, "a1"), (B, "Beta Corp", "b1") })
            {
                var subscription = new DelegatedSubscription(sub == "a1" ? "aaaaaaaa-1111-4000-8000-000000000001" : "bbbbbbbb-1111-4000-8000-000000000002",
                    "Sub " + sub + " " + text, "Enabled", tenant, name, Guid.Empty, Array.Empty<Guid>(), SubscriptionAccessType.Delegated, null, new System.Collections.Generic.Dictionary<string, string>());
                SubscriptionAccumulator acc = aggregator.Open(subscription);
                var r = acc.Ref;
                aggregator.Add(acc, new SecureScore(r, "ascScore", "ASC score", 10, 40, 25, 40, "/id"));
                aggregator.Add(acc, new SecureScoreControl(r, "ctl-" + text, "Control " + text, 1, 6, 16.7, 2, 3, 0, 6, "/c"));
                aggregator.Add(acc, new Recommendation(r, "key-1", "Recommendation " + text, "High", "Unhealthy", null, null, "/r/" + text, new[] { text }, text, "https://portal/" + text, "/a"));
                aggregator.Add(acc, new Alert(r, "al", "Alert " + text, "High", "Active", DateTimeOffset.UnixEpoch, text, text, "westeurope", null, null, text, null, "/al"));
                aggregator.Add(acc, new DefenderPlan(r, "Plan" + text, "Standard", null, null, false, Array.Empty<string>(), null, null, null, Array.Empty<PlanExtension>(), "/p"));
                aggregator.Add(acc, new RegulatoryComplianceStandard(r, "Standard " + text, "Failed", 3, 1, 0, 0, "/s"));
                aggregator.Fail(acc, "Alert", new ScopeFailure(subscription.SubscriptionId, ScopeFailureKind.Forbidden, 403, "AuthorizationFailed", "Message " + text, "Fix " + text, null, subscription));
                aggregator.Close(acc);
            }
            var context = new Context("account " + text, "ServicePrincipal", Guid.Parse("11111111-1111-4111-8111-111111111111"), "Env " + text, AuthenticationMethod.ClientSecret, null, null);
            return aggregator.Build(context, new PostureQuery(), DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1));
        }

        [Fact]
        public void Every_value_in_the_page_is_escaped()
        {
            string html = PostureReportWriter.ToHtml(Build(Evil));
            Assert.Equal(1, html.Split("<script>").Length - 1); // the report's own
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("alert('x')", html, StringComparison.Ordinal);
            Assert.Contains("Recommendation &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("Control &lt;script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("Message &lt;script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("Standard &lt;script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("Content-Security-Policy", html, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        }

        [Fact]
        public void A_customer_snapshot_keeps_nothing_of_another_customer()
        {
            PostureSnapshot all = Build("x");
            Assert.Equal(2, all.TenantCount);
            Assert.Equal(2, all.TopRecommendations[0].TenantCount);
            PostureSnapshot alpha = all.ForTenant(A);
            Assert.Equal(new[] { A }, alpha.Tenants.Select(t => t.TenantId));
            Assert.All(alpha.Subscriptions, s => Assert.Equal(A, s.TenantId));
            Assert.All(alpha.Failures, f => Assert.Equal(A, f.TenantId));
            Assert.All(alpha.Detail!.Recommendations, r => Assert.Equal(A, r.TenantId));
            Assert.Equal(1, alpha.TopRecommendations[0].TenantCount);
            Assert.Equal(alpha.Tenants[0].Percentage, alpha.Percentage);
            string html = PostureReportWriter.ToHtml(alpha);
            Assert.DoesNotContain("Beta", html, StringComparison.Ordinal);
            Assert.DoesNotContain(B.ToString(), html, StringComparison.Ordinal);
            Assert.DoesNotContain("bbbbbbbb", html, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => all.ForTenant(Guid.NewGuid()));
        }

        [Fact]
        public void The_weighted_score_and_counts_roll_up_like_the_tenant_aggregate()
        {
            PostureSnapshot s = Build("x");
            Assert.Equal(25, s.Percentage); // 40 x 10/40 / 40 per subscription
            Assert.Equal(2, s.Unhealthy.High);
            Assert.Equal(2, s.ActiveAlerts.High);
            Assert.Equal(2, s.Failures.Count);
            Assert.All(s.Failures, f => Assert.Equal("Alert.Forbidden", f.ErrorId));
            Assert.Equal(10, s.TopControls[0].PotentialIncrease);
            Assert.Equal(75, s.Compliance[0].PassedPercentage);
        }

        [Fact]
        public void Json_is_schema_versioned_and_csv_cells_cannot_become_formulas()
        {
            string dir = Path.Combine(Path.GetTempPath(), "ct-report-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                PostureSnapshot s = Build("=HYPERLINK(\"http://evil\")");
                PostureReportWriter.WriteJson(s, Path.Combine(dir, "r.json"));
                using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "r.json")));
                Assert.Equal("SchemaVersion", json.RootElement.EnumerateObject().First().Name);
                Assert.Equal(PostureSnapshot.CurrentSchemaVersion, json.RootElement.GetProperty("SchemaVersion").GetInt32());
                Assert.Equal("Delegated", json.RootElement.GetProperty("Subscriptions")[0].GetProperty("AccessType").GetString());

                var files = PostureReportWriter.WriteCsv(s, Path.Combine(dir, "r"));
                Assert.Contains(files, f => f.EndsWith("r.detail-assessments.csv", StringComparison.Ordinal));
                string assessments = File.ReadAllText(Path.Combine(dir, "r.detail-assessments.csv")); // RemediationDescription is the raw text
                Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", assessments, StringComparison.Ordinal);
                Assert.DoesNotContain(",\"=HYPERLINK", assessments, StringComparison.Ordinal);
                string subscriptions = File.ReadAllText(Path.Combine(dir, "r.subscriptions.csv"));
                Assert.StartsWith("\"TenantId\",\"TenantName\",\"SubscriptionId\"", subscriptions, StringComparison.Ordinal);
                Assert.Contains("\"UnhealthyHigh\"", subscriptions, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
