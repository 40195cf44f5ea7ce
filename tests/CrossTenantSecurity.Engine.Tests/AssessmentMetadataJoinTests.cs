using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// Assessments listed without inline metadata (Microsoft's own Assessments_List example) are joined with the
    /// subscription's assessmentMetadata list, read once per subscription, so severity filters keep them.
    /// </summary>
    public class AssessmentMetadataJoinTests
    {
        private const string ExampleKey = "21300918-b2e3-0346-785f-c77ff57d243b";
        private static readonly RecommendationFilter AnyStatus = new() { Statuses = Array.Empty<string>() };

        private static string Metadata(int i) => $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.Security/assessmentMetadata";

        /// <summary>The official Assessments_List example: two assessments of one key, neither with properties.metadata.</summary>
        private static JsonNode OfficialAssessments() => TestSupport.Example("Microsoft.Security/Assessments_List.json");

        /// <summary>The subscription's metadata list in the service's shape, with the example's key and another.</summary>
        private static string MetadataList(string key = ExampleKey, string severity = "Medium") => PostureEstate.List(
            new JsonObject
            {
                ["id"] = $"/providers/Microsoft.Security/assessmentMetadata/{key}",
                ["name"] = key,
                ["type"] = "Microsoft.Security/assessmentMetadata",
                ["properties"] = new JsonObject
                {
                    ["displayName"] = "Install endpoint protection solution on virtual machine scale sets",
                    ["description"] = "Install an endpoint protection solution on your virtual machine scale sets.",
                    ["remediationDescription"] = "Turn on antimalware in the scale set.",
                    ["categories"] = new JsonArray("Compute"),
                    ["severity"] = severity,
                    ["userImpact"] = "Low",
                    ["implementationEffort"] = "Low",
                    ["threats"] = new JsonArray("dataExfiltration", "maliciousInsider"),
                    ["assessmentType"] = "BuiltIn",
                },
            },
            new JsonObject { ["id"] = "/providers/Microsoft.Security/assessmentMetadata/other", ["name"] = "other", ["properties"] = new JsonObject { ["severity"] = "Low" } });

        private static PostureEstate WithoutInlineMetadata(int subscriptions)
        {
            var estate = new PostureEstate(subscriptions);
            for (int i = 1; i <= subscriptions; i++)
            {
                estate.On(PostureEstate.Security(i, "assessments"), OfficialAssessments().ToJsonString()).On(Metadata(i), MetadataList());
            }
            return estate;
        }

        [Fact]
        public async Task Assessments_of_the_official_example_get_severity_categories_and_remediation_from_the_metadata_list()
        {
            PostureEstate estate = WithoutInlineMetadata(1);
            var sink = new RecordingSink<Recommendation>();
            await estate.Client().GetRecommendationsAsync(new PostureQuery(), new RecommendationFilter { Statuses = Array.Empty<string>(), Severities = new[] { "Medium" } }, sink);

            Assert.Equal(2, sink.Results.Count);
            Assert.All(sink.Results, r =>
            {
                Assert.Equal(Severity.Medium, r.Severity);
                Assert.Equal(new[] { "Compute" }, r.Categories);
                Assert.Equal("Turn on antimalware in the scale set.", r.RemediationDescription);
                Assert.Equal("Install endpoint protection solution on virtual machine scale sets", r.DisplayName);
                Assert.Equal(ExampleKey, r.AssessmentKey);
            });
            Assert.Equal(new[] { "Healthy", "NotApplicable" }, sink.Results.Select(r => r.Status).OrderBy(s => s));
            Assert.Equal("?api-version=2021-06-01", Assert.Single(estate.Arm.Requests, u => u.AbsolutePath == Metadata(1)).Query);
            Assert.Empty(sink.Warnings);
        }

        [Fact]
        public async Task Assessments_with_inline_metadata_need_no_metadata_list()
        {
            var estate = new PostureEstate(1).On(PostureEstate.Security(1, "assessments"), PostureEstate.List(PostureEstate.Assessment(1, "k1", "Unhealthy", "High")));
            var sink = new RecordingSink<Recommendation>();
            await estate.Client().GetRecommendationsAsync(new PostureQuery(), new RecommendationFilter(), sink);

            Assert.Equal(Severity.High, Assert.Single(sink.Results).Severity);
            Assert.Equal(0, estate.Requests(Metadata(1)));
        }

        [Fact]
        public async Task The_metadata_list_is_read_once_per_subscription_for_many_commands_and_concurrent_readers()
        {
            PostureEstate estate = WithoutInlineMetadata(3);
            CrossTenantClient client = estate.Client();
            RecordingSink<Recommendation>[] sinks = Enumerable.Range(0, 6).Select(_ => new RecordingSink<Recommendation>()).ToArray();

            await Task.WhenAll(sinks.Take(4).Select(s => client.GetRecommendationsAsync(new PostureQuery(), AnyStatus, s)));
            await client.GetRecommendationsAsync(new PostureQuery(), AnyStatus, sinks[4]);
            await client.GetPostureSnapshotAsync(new PostureQuery(), false, new RecordingSink<PostureSnapshot>());
            await client.GetRecommendationsAsync(new PostureQuery { Source = PostureSource.Arm }, AnyStatus, sinks[5]);

            Assert.All(sinks, s => Assert.Equal(6, s.Results.Count(r => r.Severity == Severity.Medium)));
            Assert.All(Enumerable.Range(1, 3), i => Assert.Equal(1, estate.Requests(Metadata(i))));
        }

        [Fact]
        public async Task Without_the_metadata_list_the_recommendations_still_come_and_one_warning_names_the_subscription()
        {
            var estate = new PostureEstate(1)
                .On(PostureEstate.Security(1, "assessments"), OfficialAssessments().ToJsonString())
                .On(Metadata(1), PostureEstate.Error("AuthorizationFailed", "no metadata read"), 403);
            CrossTenantClient client = estate.Client();

            var all = new RecordingSink<Recommendation>();
            await client.GetRecommendationsAsync(new PostureQuery(), AnyStatus, all);
            Assert.Equal(2, all.Results.Count);
            Assert.All(all.Results, r => Assert.Equal(Severity.Unknown, r.Severity));
            string warning = Assert.Single(all.Warnings);
            Assert.Contains(PostureEstate.SubscriptionId(1), warning, StringComparison.Ordinal);
            Assert.Contains("403 AuthorizationFailed", warning, StringComparison.Ordinal);
            Assert.Contains("a severity filter does not match them", warning, StringComparison.Ordinal);
            Assert.Empty(all.Failures);

            // A severity filter cannot claim them, but they are not dropped silently: the warning says so.
            var high = new RecordingSink<Recommendation>();
            await client.GetRecommendationsAsync(new PostureQuery(), new RecommendationFilter { Statuses = Array.Empty<string>(), Severities = new[] { "High" } }, high);
            Assert.Empty(high.Results);
            Assert.Single(high.Warnings);
        }

        [Fact]
        public async Task Resource_Graph_rows_without_metadata_are_joined_the_same_way()
        {
            var estate = new PostureEstate(1).On(Metadata(1), MetadataList())
                .OnGraph((type, subscription) => type == "microsoft.security/assessments"
                    ? OfficialAssessments()["value"]!.AsArray().Select(a => PostureEstate.Row(subscription, type, a!))
                    : Enumerable.Empty<JsonObject>());
            var sink = new RecordingSink<Recommendation>();
            await estate.Client().GetRecommendationsAsync(new PostureQuery { Source = PostureSource.ResourceGraph },
                new RecommendationFilter { Statuses = Array.Empty<string>(), Severities = new[] { "Medium" } }, sink);

            Assert.Equal(2, sink.Results.Count);
            Assert.All(sink.Results, r => Assert.Equal(new[] { "Compute" }, r.Categories));
            Assert.Equal(0, estate.Requests(PostureEstate.Security(1, "assessments")));
            Assert.Equal(1, estate.Requests(Metadata(1)));
        }

        [Fact]
        public async Task A_snapshot_counts_joined_assessments_by_their_severity()
        {
            var estate = new PostureEstate(1)
                .On(PostureEstate.Security(1, "assessments"), PostureEstate.List(PostureEstate.Assessment(1, "k1", "Unhealthy", null), PostureEstate.Assessment(1, "k1", "Unhealthy", null, "vm2")))
                .On(Metadata(1), MetadataList("k1", "High"));
            var sink = new RecordingSink<PostureSnapshot>();
            await estate.Client().GetPostureSnapshotAsync(new PostureQuery(), false, sink);

            SubscriptionPostureSummary summary = Assert.Single(Assert.Single(sink.Results).Subscriptions);
            Assert.Equal(2, summary.Unhealthy.High);
            Assert.DoesNotContain("Recommendation", summary.FailedKinds);
            Assert.Equal(Severity.High, Assert.Single(sink.Results[0].TopRecommendations).Severity);
        }
    }
}
