using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The generic reader over ARM: a single GET, a paged list, the resource-group fallback, a kind's own 404, and failed subscriptions described.</summary>
    public class PostureReaderTests
    {
        private static JsonNode Control(string name, double current, double max) => new JsonObject
        {
            ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(1)}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls/{name}",
            ["name"] = name,
            ["properties"] = new JsonObject
            {
                ["displayName"] = "Control " + name,
                ["healthyResourceCount"] = 1,
                ["unhealthyResourceCount"] = 1,
                ["notApplicableResourceCount"] = 0,
                ["score"] = new JsonObject { ["current"] = current, ["max"] = max, ["percentage"] = current / max },
                ["weight"] = 2,
            },
        };

        private static JsonNode Alert(int i, string group, string name) => new JsonObject
        {
            ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(i)}/resourceGroups/{group}/providers/Microsoft.Security/locations/westeurope/alerts/{name}",
            ["name"] = name,
            ["properties"] = new JsonObject { ["alertDisplayName"] = "Alert " + name, ["severity"] = "High", ["status"] = "Active" },
        };

        [Fact]
        public async Task The_score_is_one_GET_parsed_from_the_official_example()
        {
            var estate = new PostureEstate(1).On(PostureEstate.Security(1, "secureScores/ascScore"), TestSupport.Example("Microsoft.Security/SecureScores_List.json")["value"]![0]!.ToJsonString());
            var sink = new RecordingSink<SecureScore>();
            await estate.Client().GetSecureScoresAsync(new PostureQuery(), sink);

            SecureScore score = Assert.Single(sink.Results);
            Assert.Equal((23.53, 39d, 60.33, 67L), (score.Current, score.Max, score.Percentage, score.Weight));
            Assert.Equal(("sub 1", "Contoso"), (score.SubscriptionName, score.TenantName));
            Uri request = Assert.Single(estate.Arm.Requests, u => u.AbsolutePath.Contains("secureScores", StringComparison.Ordinal));
            Assert.Equal("?api-version=2020-01-01", request.Query);
            Assert.Empty(sink.Failures);
        }

        [Fact]
        public async Task A_list_follows_its_pages()
        {
            string controls = PostureEstate.Security(1, "secureScores/ascScore/secureScoreControls");
            JsonObject page1 = JsonNode.Parse(PostureEstate.List(Control("a", 1, 4), Control("b", 2, 2)))!.AsObject();
            page1["nextLink"] = TestSupport.Endpoint + controls.TrimStart('/') + "?api-version=2020-01-01&$skiptoken=c2";
            var estate = new PostureEstate(1).On(controls, page1.ToJsonString());
            estate.Arm.On(u => u.Query.Contains("skiptoken=c2", StringComparison.Ordinal), _ => new FakeResponse(200, PostureEstate.List(Control("c", 0, 3))));
            var sink = new RecordingSink<SecureScoreControl>();
            await estate.Client().GetSecureScoreControlsAsync(new PostureQuery(), sink);

            Assert.Equal(new[] { "a", "b", "c" }, sink.Results.Select(c => c.Name).OrderBy(n => n));
            Assert.Equal(3, sink.Results.Single(c => c.Name == "a").PotentialIncrease);
        }

        [Fact]
        public async Task A_404_on_the_score_means_it_is_not_computed_yet()
        {
            var sink = new RecordingSink<SecureScore>();
            await new PostureEstate(1).Client().GetSecureScoresAsync(new PostureQuery(), sink);

            ScopeFailure failure = Assert.Single(sink.Failures);
            Assert.Equal((ScopeFailureKind.ScoreNotReady, "ScoreNotReady", 404), (failure.Kind, failure.ErrorCode, failure.HttpStatus));
            Assert.Equal(PostureEstate.SubscriptionId(1), failure.Scope);
            Assert.Empty(sink.Results);
        }

        [Fact]
        public async Task A_list_forbidden_at_subscription_level_is_read_from_each_visible_resource_group()
        {
            string groups = $"/subscriptions/{PostureEstate.SubscriptionId(1)}/resourcegroups";
            string InGroup(string group) => $"/subscriptions/{PostureEstate.SubscriptionId(1)}/resourceGroups/{group}/providers/Microsoft.Security/alerts";
            var estate = new PostureEstate(1)
                .On(PostureEstate.Security(1, "alerts"), PostureEstate.Error("AuthorizationFailed"), 403)
                .On(groups, "{\"value\":[{\"name\":\"rg-a\"},{\"name\":\"rg-b\"}]}")
                .On(InGroup("rg-a"), PostureEstate.List(Alert(1, "rg-a", "x1")))
                .On(InGroup("rg-b"), PostureEstate.Error("AuthorizationFailed"), 403);
            var sink = new RecordingSink<Alert>();
            await estate.Client().GetAlertsAsync(new PostureQuery(), new AlertFilter(), sink);

            Assert.Equal("rg-a", Assert.Single(sink.Results).ResourceGroup);
            Assert.Empty(sink.Failures);
            Assert.Contains(sink.Warnings, w => w.Contains("delegated only at resource-group level", StringComparison.Ordinal));
            Assert.Equal(1, estate.Requests(InGroup("rg-b")));
        }

        [Fact]
        public async Task A_403_with_no_subscription_role_but_visible_groups_is_ResourceGroupOnly_and_with_a_role_stays_Forbidden()
        {
            string Permissions(int i) => $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.Authorization/permissions";
            string Groups(int i) => $"/subscriptions/{PostureEstate.SubscriptionId(i)}/resourcegroups";
            var estate = new PostureEstate(2)
                .On(PostureEstate.Security(1, "secureScores/ascScore"), PostureEstate.Error("AuthorizationFailed"), 403)
                .On(PostureEstate.Security(2, "secureScores/ascScore"), PostureEstate.Error("AuthorizationFailed"), 403)
                .On(Permissions(1), "{\"value\":[{\"actions\":[],\"notActions\":[]}]}")
                .On(Permissions(2), "{\"value\":[{\"actions\":[\"Microsoft.Resources/*/read\"],\"notActions\":[]}]}")
                .On(Groups(1), "{\"value\":[{\"name\":\"rg-security\"}]}")
                .On(Groups(2), "{\"value\":[{\"name\":\"rg-app\"}]}");
            var sink = new RecordingSink<SecureScore>();
            await estate.Client().GetSecureScoresAsync(new PostureQuery(), sink);

            ScopeFailure groupOnly = sink.Failures.Single(f => f.Scope == PostureEstate.SubscriptionId(1));
            Assert.Equal(ScopeFailureKind.ResourceGroupOnly, groupOnly.Kind);
            Assert.Contains("rg-security", groupOnly.Message, StringComparison.Ordinal);
            Assert.Contains("delegate the whole subscription", groupOnly.RecommendedAction, StringComparison.Ordinal);
            Assert.Equal(ScopeFailureKind.Forbidden, sink.Failures.Single(f => f.Scope == PostureEstate.SubscriptionId(2)).Kind);
            Assert.Equal(2, sink.Failures.Count);
        }
    }
}
