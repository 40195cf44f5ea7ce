using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>Which source a kind is read from, the fall back from Resource Graph to ARM, and filters applied the same on both.</summary>
    public class PostureSourceTests
    {
        private const string Assessments = "microsoft.security/assessments";

        private static JsonNode Standard(int i, string name) => new JsonObject
        {
            ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.Security/regulatoryComplianceStandards/{name}",
            ["name"] = name,
            ["properties"] = new JsonObject { ["state"] = "failed", ["passedControls"] = 3, ["failedControls"] = 1, ["skippedControls"] = 0, ["unsupportedControls"] = 0 },
        };

        private static JsonNode Control(int i, string standard, string name) => new JsonObject
        {
            ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.Security/regulatoryComplianceStandards/{standard}/regulatoryComplianceControls/{name}",
            ["name"] = name,
            ["properties"] = new JsonObject { ["state"] = "Passed", ["passedAssessments"] = 2, ["failedAssessments"] = 0, ["skippedAssessments"] = 0, ["unsupportedAssessments"] = 0 },
        };

        private static string Controls(int i, string standard) => PostureEstate.Security(i, $"regulatoryComplianceStandards/{standard}/regulatoryComplianceControls");

        /// <summary>Two subscriptions with a High and a Low unhealthy assessment each; Resource Graph holds only the first one's.</summary>
        private static PostureEstate TwoSubscriptionsOneInGraph()
        {
            JsonObject[] Of(int i) => new[] { PostureEstate.Assessment(i, "k-high", "Unhealthy", "High"), PostureEstate.Assessment(i, "k-low", "Unhealthy", "Low", "vm2") };
            return new PostureEstate(2)
                .On(PostureEstate.Security(2, "assessments"), PostureEstate.List(Of(2)))
                .OnGraph((type, subscription) => type == Assessments && subscription == PostureEstate.SubscriptionId(1)
                    ? Of(1).Select(a => PostureEstate.Row(subscription, type, a)) : Enumerable.Empty<JsonObject>());
        }

        [Fact]
        public async Task Resource_Graph_serves_the_subscriptions_it_has_rows_for_and_ARM_the_others()
        {
            PostureEstate estate = TwoSubscriptionsOneInGraph();
            var sink = new RecordingSink<Recommendation>();
            await estate.Client().GetRecommendationsAsync(new PostureQuery { Source = PostureSource.ResourceGraph }, new RecommendationFilter(), sink);

            Assert.Equal(4, sink.Results.Count);
            Assert.Equal(new[] { PostureEstate.SubscriptionId(1), PostureEstate.SubscriptionId(2) }, sink.Results.Select(r => r.SubscriptionId).Distinct().OrderBy(s => s));
            Assert.Equal(0, estate.Requests(PostureEstate.Security(1, "assessments")));
            Assert.Equal(1, estate.Requests(PostureEstate.Security(2, "assessments")));
            Assert.Equal(1, estate.GraphQueries(Assessments));
            Assert.Contains(sink.Verbose, v => v.StartsWith("1 subscription(s) returned no usable Resource Graph rows", StringComparison.Ordinal));
            Assert.Empty(sink.Failures);
        }

        [Fact]
        public async Task A_filter_keeps_the_same_objects_from_either_source()
        {
            var filter = new RecommendationFilter { Severities = new[] { "High" } };
            var graph = new RecordingSink<Recommendation>();
            await TwoSubscriptionsOneInGraph().Client().GetRecommendationsAsync(new PostureQuery { Source = PostureSource.ResourceGraph }, filter, graph);
            PostureEstate armOnly = TwoSubscriptionsOneInGraph().On(PostureEstate.Security(1, "assessments"),
                PostureEstate.List(PostureEstate.Assessment(1, "k-high", "Unhealthy", "High"), PostureEstate.Assessment(1, "k-low", "Unhealthy", "Low", "vm2")));
            var arm = new RecordingSink<Recommendation>();
            await armOnly.Client().GetRecommendationsAsync(new PostureQuery { Source = PostureSource.Arm }, filter, arm);

            static IEnumerable<string> Keys(RecordingSink<Recommendation> sink) => sink.Results.Select(r => $"{r.Id}|{r.Severity}|{r.Status}").OrderBy(k => k, StringComparer.Ordinal);
            Assert.Equal(2, arm.Results.Count);
            Assert.All(arm.Results, r => Assert.Equal(Severity.High, r.Severity));
            Assert.Equal(Keys(arm), Keys(graph));
            Assert.Equal(0, armOnly.GraphQueries(Assessments));
        }

        [Fact]
        public async Task Auto_reads_compliance_with_controls_from_Resource_Graph_from_the_threshold_on_and_everything_else_over_ARM()
        {
            PostureEstate Estate() => new PostureEstate(2)
                .On(PostureEstate.Security(1, "regulatoryComplianceStandards"), PostureEstate.List(Standard(1, "PCI-DSS-4")))
                .On(PostureEstate.Security(2, "regulatoryComplianceStandards"), PostureEstate.List(Standard(2, "PCI-DSS-4")))
                .OnGraph((type, subscription) =>
                {
                    int i = subscription == PostureEstate.SubscriptionId(1) ? 1 : 2;
                    return type.EndsWith("/regulatorycompliancecontrols", StringComparison.Ordinal) ? new[] { PostureEstate.Row(subscription, type, Control(i, "PCI-DSS-4", "1.1")) }
                        : type.EndsWith("/regulatorycompliancestandards", StringComparison.Ordinal) ? new[] { PostureEstate.Row(subscription, type, Standard(i, "PCI-DSS-4")) }
                        : Array.Empty<JsonObject>();
                });
            var auto = new PostureQuery { Source = PostureSource.Auto, ResourceGraphThreshold = 2 };

            PostureEstate withControls = Estate();
            var sink = new RecordingSink<object>();
            await withControls.Client().GetRegulatoryComplianceAsync(auto, includeControls: true, sink);
            Assert.Equal(2, sink.Results.OfType<RegulatoryComplianceStandard>().Count());
            Assert.Equal(2, sink.Results.OfType<RegulatoryComplianceControl>().Count());
            Assert.Equal(1, withControls.GraphQueries("microsoft.security/regulatorycompliancestandards/regulatorycompliancecontrols"));
            Assert.Equal(0, withControls.Requests(PostureEstate.Security(1, "regulatoryComplianceStandards")));

            PostureEstate standardsOnly = Estate();
            await standardsOnly.Client().GetRegulatoryComplianceAsync(auto, includeControls: false, new RecordingSink<object>());
            Assert.DoesNotContain(standardsOnly.Arm.Calls, c => c.Uri.AbsolutePath == PostureEstate.GraphPath);
            Assert.Equal(1, standardsOnly.Requests(PostureEstate.Security(1, "regulatoryComplianceStandards")));

            PostureEstate belowThreshold = Estate();
            await belowThreshold.Client().GetRegulatoryComplianceAsync(new PostureQuery { ResourceGraphThreshold = 3 }, includeControls: true, new RecordingSink<object>());
            Assert.DoesNotContain(belowThreshold.Arm.Calls, c => c.Uri.AbsolutePath == PostureEstate.GraphPath);
            Assert.Equal(1, belowThreshold.Requests(Controls(2, "PCI-DSS-4")));
        }

        [Fact]
        public async Task Controls_of_a_standard_left_out_by_the_filter_are_not_read()
        {
            var estate = new PostureEstate(1)
                .On(PostureEstate.Security(1, "regulatoryComplianceStandards"), PostureEstate.List(Standard(1, "PCI-DSS-4"), Standard(1, "ISO-27001")))
                .On(Controls(1, "PCI-DSS-4"), PostureEstate.List(Control(1, "PCI-DSS-4", "1.1"), Control(1, "PCI-DSS-4", "1.2")))
                .On(Controls(1, "ISO-27001"), PostureEstate.List(Control(1, "ISO-27001", "A.5")));
            var sink = new RecordingSink<object>();
            await estate.Client().GetRegulatoryComplianceAsync(new PostureQuery { Source = PostureSource.Arm }, true, new ComplianceFilter { Standards = new[] { "pci*" } }, sink);

            Assert.Equal("PCI-DSS-4", Assert.Single(sink.Results.OfType<RegulatoryComplianceStandard>()).Standard);
            Assert.Equal(new[] { "1.1", "1.2" }, sink.Results.OfType<RegulatoryComplianceControl>().Select(c => c.Control).OrderBy(c => c));
            Assert.All(sink.Results.OfType<RegulatoryComplianceControl>(), c => Assert.Equal("PCI-DSS-4", c.Standard));
            Assert.Equal(0, estate.Requests(Controls(1, "ISO-27001")));
        }

        [Fact]
        public async Task Controls_from_Resource_Graph_are_filtered_by_their_standard_too()
        {
            var estate = new PostureEstate(1).OnGraph((type, subscription) =>
                type.EndsWith("/regulatorycompliancecontrols", StringComparison.Ordinal)
                    ? new[] { PostureEstate.Row(subscription, type, Control(1, "PCI-DSS-4", "1.1")), PostureEstate.Row(subscription, type, Control(1, "ISO-27001", "A.5")) }
                    : new[] { PostureEstate.Row(subscription, type, Standard(1, "PCI-DSS-4")), PostureEstate.Row(subscription, type, Standard(1, "ISO-27001")) });
            var sink = new RecordingSink<object>();
            await estate.Client().GetRegulatoryComplianceAsync(new PostureQuery { Source = PostureSource.ResourceGraph }, true, new ComplianceFilter { Standards = new[] { "PCI*" } }, sink);

            Assert.Equal(new[] { "PCI-DSS-4", "PCI-DSS-4" }, sink.Results.Select(r => r is RegulatoryComplianceControl c ? c.Standard : ((RegulatoryComplianceStandard)r).Standard));
        }

        [Fact]
        public async Task Plans_are_filtered_by_name_in_the_engine()
        {
            JsonNode Plan(string name) => new JsonObject { ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(1)}/providers/Microsoft.Security/pricings/{name}", ["name"] = name, ["properties"] = new JsonObject { ["pricingTier"] = "Standard" } };
            var estate = new PostureEstate(1).On(PostureEstate.Security(1, "pricings"), PostureEstate.List(Plan("VirtualMachines"), Plan("StorageAccounts"), Plan("Dns"), Plan("Arm")));
            var sink = new RecordingSink<DefenderPlan>();
            await estate.Client().GetDefenderPlansAsync(new PostureQuery(), new DefenderPlanFilter { Plans = new[] { "storage*", "DNS" } }, sink);

            Assert.Equal(new[] { "Dns", "StorageAccounts" }, sink.Results.Select(p => p.Plan).OrderBy(p => p, StringComparer.Ordinal));
            var all = new RecordingSink<DefenderPlan>();
            await estate.Client().GetDefenderPlansAsync(new PostureQuery(), all);
            Assert.Equal(4, all.Results.Count);
        }

        [Fact]
        public async Task An_invalid_pattern_ends_the_command_before_any_request()
        {
            var estate = new PostureEstate(1);
            var plans = await Assert.ThrowsAsync<CrossTenantException>(() =>
                estate.Client().GetDefenderPlansAsync(new PostureQuery(), new DefenderPlanFilter { Plans = new[] { "Storage[" } }, new RecordingSink<DefenderPlan>()));
            Assert.Equal(("DefenderPlan.InvalidPattern", CrossTenantErrorKind.InvalidArgument), (plans.ErrorId, plans.Kind));
            Assert.Equal("The specified wildcard character pattern is not valid: Storage[", plans.Message);
            var standards = await Assert.ThrowsAsync<CrossTenantException>(() =>
                estate.Client().GetRegulatoryComplianceAsync(new PostureQuery(), false, new ComplianceFilter { Standards = new[] { "[z-a]" } }, new RecordingSink<object>()));
            Assert.Equal("RegulatoryCompliance.InvalidPattern", standards.ErrorId);
            Assert.Empty(estate.Arm.Requests);
        }
    }
}
