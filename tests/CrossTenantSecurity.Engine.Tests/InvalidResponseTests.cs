using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// Nothing silently wrong: a success answer that does not fit its kind (wrong JSON type, missing field, a list without a
    /// value array, not JSON at all) is one InvalidResponse failure of its subscription, naming the request id and what was
    /// wrong; never a default-valued object or an empty list. The other subscription still returns its data.
    /// </summary>
    public class InvalidResponseTests
    {
        private const string RequestId = "7c0ffee0-0000-4000-8000-00000000bad1";
        private static readonly string Faulted = PostureEstate.SubscriptionId(1);
        private static readonly string Healthy = PostureEstate.SubscriptionId(2);

        /// <summary>A list kind: where it is read, a good item of subscription i, the same item broken, and what the failure says about it.</summary>
        private sealed record ListKind(Func<int, string> Path, Func<int, JsonObject> Item, Action<JsonObject> Break, string Reason,
            Func<CrossTenantClient, RecordingSink<object>, Task> Read);

        private static readonly Dictionary<string, ListKind> Lists = new()
        {
            ["SecureScoreControl"] = new(i => PostureEstate.Security(i, "secureScores/ascScore/secureScoreControls"), Control,
                item => item["properties"]!["score"]!["current"] = "abc", "properties.score.current is a string, not a number",
                (client, sink) => client.GetSecureScoreControlsAsync(new PostureQuery(), Typed<SecureScoreControl>(sink))),
            ["Recommendation"] = new(i => PostureEstate.Security(i, "assessments"), i => PostureEstate.Assessment(i, "k1", "Unhealthy", "High"),
                item => item["properties"]!["status"]!["code"] = 42, "properties.status.code is a number, not a string",
                (client, sink) => client.GetRecommendationsAsync(new PostureQuery(), new RecommendationFilter(), Typed<Recommendation>(sink))),
            ["Alert"] = new(i => PostureEstate.Security(i, "alerts"), Alert,
                item => item["properties"]!["status"] = new JsonObject(), "properties.status is an object, not a string",
                (client, sink) => client.GetAlertsAsync(new PostureQuery(), new AlertFilter(), Typed<Alert>(sink))),
            ["DefenderPlan"] = new(i => PostureEstate.Security(i, "pricings"), Plan,
                item => item["properties"]!["pricingTier"] = null, "properties.pricingTier is null, not a string",
                (client, sink) => client.GetDefenderPlansAsync(new PostureQuery(), Typed<DefenderPlan>(sink))),
            ["RegulatoryCompliance"] = new(i => PostureEstate.Security(i, "regulatoryComplianceStandards"), Standard,
                item => item["properties"]!["passedControls"] = "abc", "properties.passedControls is a string, not a number",
                (client, sink) => client.GetRegulatoryComplianceAsync(new PostureQuery(), false, sink)),
            ["Delegation"] = new(i => $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.ManagedServices/registrationAssignments", Assignment,
                item => item["properties"]!.AsObject().Remove("registrationDefinitionId"), "properties.registrationDefinitionId is missing",
                (client, sink) => client.GetDelegationsAsync(new PostureQuery(), Typed<Delegation>(sink))),
        };

        /// <summary>Broken list answers and what the failure says; WrongItem is the kind's own broken item in an otherwise good list.</summary>
        private static readonly Dictionary<string, (string Body, string? ContentType, string Reason)> ListBodies = new()
        {
            ["EmptyObject"] = ("{}", null, "the page has no \"value\" list"),
            ["NullValue"] = ("{\"value\":null}", null, "\"value\" is null, not an array"),
            ["ObjectValue"] = ("{\"value\":{}}", null, "\"value\" is an object, not an array"),
            ["NextLinkNotAString"] = ("{\"value\":[],\"nextLink\":42}", null, "\"nextLink\" is a number, not a string"),
            ["HtmlPage"] = ("<!DOCTYPE html><html><body>Sign in to the proxy</body></html>", "text/html", "the body is an HTML or XML page (text/html), not JSON"),
            ["EmptyBody"] = ("", "application/json", "the body is empty"),
            ["TruncatedJson"] = ("{\"value\":[{\"id\":\"/subscriptions/", "application/json", "the body is not valid JSON, or is cut short"),
        };

        public static TheoryData<string, string> ListCases()
        {
            var cases = new TheoryData<string, string>();
            foreach (string kind in Lists.Keys)
            {
                foreach (string body in ListBodies.Keys.Append("WrongItem")) cases.Add(kind, body);
            }
            return cases;
        }

        [Theory]
        [MemberData(nameof(ListCases))]
        public async Task A_list_answer_that_does_not_fit_is_one_InvalidResponse_of_its_subscription(string kindName, string bodyName)
        {
            ListKind kind = Lists[kindName];
            string good = PostureEstate.List(kind.Item(2));
            (string body, string? contentType, string reason) = bodyName == "WrongItem" ? (BrokenList(kind), null, kind.Reason) : ListBodies[bodyName];
            var estate = new PostureEstate(2).On(kind.Path(2), good);
            Answer(estate, kind.Path(1), body, contentType);

            var sink = new RecordingSink<object>();
            await kind.Read(estate.Client(), sink);

            AssertOneInvalidResponse(sink.Failures, reason);
            Assert.Equal(new[] { Healthy }, sink.Results.Cast<SubscriptionScoped>().Select(r => r.SubscriptionId).Distinct());
        }

        public static TheoryData<string, string?, string> ScoreCases() => new()
        {
            { "null", null, "the resource is null, not an object" },
            { "{}", null, "properties is missing" },
            { Score(current: "\"abc\""), null, "properties.score.current is a string, not a number" },
            { Score(max: "{}"), null, "properties.score.max is an object, not a number" },
            { Score(percentage: "null"), null, "properties.score.percentage is null, not a number" },
            { "{\"properties\":{\"score\":{\"current\":1,\"max\":2,\"percentage\":0.5}}}", null, "properties.weight is missing" },
            { "<html><body>Proxy sign-in</body></html>", "text/html", "the body is an HTML or XML page (text/html), not JSON" },
            { "", "application/json", "the body is empty" },
            { Score().Substring(0, 40), "application/json", "the body is not valid JSON, or is cut short" },
        };

        [Theory]
        [MemberData(nameof(ScoreCases))]
        public async Task A_score_that_does_not_fit_is_one_InvalidResponse_never_a_score_of_zero(string body, string? contentType, string reason)
        {
            var estate = new PostureEstate(2).On(PostureEstate.Security(2, "secureScores/ascScore"), Score());
            Answer(estate, PostureEstate.Security(1, "secureScores/ascScore"), body, contentType);

            var sink = new RecordingSink<SecureScore>();
            await estate.Client().GetSecureScoresAsync(new PostureQuery(), sink);

            AssertOneInvalidResponse(sink.Failures, reason);
            SecureScore score = Assert.Single(sink.Results);
            Assert.Equal((Healthy, 23.53, 39d, 60.33, 67L), (score.SubscriptionId, score.Current, score.Max, score.Percentage, score.Weight));
        }

        [Fact]
        public async Task A_snapshot_records_an_invalid_answer_as_a_failed_kind_of_its_subscription_with_no_score()
        {
            var estate = new PostureEstate(2)
                .On(PostureEstate.Security(2, "secureScores/ascScore"), Score())
                .On(PostureEstate.Security(2, "assessments"), PostureEstate.List(PostureEstate.Assessment(2, "k1", "Unhealthy", "High")));
            Answer(estate, PostureEstate.Security(1, "secureScores/ascScore"), Score(current: "{}"), null);
            Answer(estate, PostureEstate.Security(1, "assessments"), "{\"value\":null}", null);

            var sink = new RecordingSink<PostureSnapshot>();
            await estate.Client().GetPostureSnapshotAsync(new PostureQuery(), false, sink);

            PostureSnapshot snapshot = Assert.Single(sink.Results);
            var invalid = snapshot.Failures.Where(f => f.Reason == ScopeFailureKind.InvalidResponse).ToList();
            Assert.Equal(new[] { "Recommendation.InvalidResponse", "SecureScore.InvalidResponse" }, invalid.Select(f => f.ErrorId).OrderBy(id => id, StringComparer.Ordinal));
            Assert.All(invalid, f => { Assert.Equal(Faulted, f.Target); Assert.Contains(RequestId, f.Message, StringComparison.Ordinal); });
            Assert.Equal(new[] { "Recommendation", "SecureScore" }, sink.Failures.Where(f => f.Kind == ScopeFailureKind.InvalidResponse).Select(f => f.Noun!).OrderBy(n => n, StringComparer.Ordinal));
            SubscriptionPostureSummary faulted = snapshot.Subscriptions.Single(s => s.SubscriptionId == Faulted);
            Assert.Null(faulted.Current);
            Assert.Contains("SecureScore", faulted.FailedKinds);
            Assert.Contains("Recommendation", faulted.FailedKinds);
            SubscriptionPostureSummary healthy = snapshot.Subscriptions.Single(s => s.SubscriptionId == Healthy);
            Assert.Equal(23.53, healthy.Current);
            Assert.Equal(1, healthy.UnhealthyCount);
        }

        [Fact]
        public async Task A_Resource_Graph_row_that_does_not_fit_fails_its_subscription_which_is_not_read_again_over_ARM()
        {
            PostureEstate estate = GraphWithABadAssessmentRow();

            var sink = new RecordingSink<Recommendation>();
            await estate.Client().GetRecommendationsAsync(new PostureQuery { Source = PostureSource.ResourceGraph }, new RecommendationFilter(), sink);

            ScopeFailure failure = AssertOneInvalidResponse(sink.Failures, "properties.status is a string, not an object");
            Assert.Contains("Resource Graph query of microsoft.security/assessments", failure.Message, StringComparison.Ordinal);
            Assert.Equal(Healthy, Assert.Single(sink.Results).SubscriptionId);
            Assert.Equal(0, estate.Requests(PostureEstate.Security(1, "assessments")));
        }

        [Fact]
        public async Task A_snapshot_from_Resource_Graph_records_a_row_that_does_not_fit_as_a_failed_kind_of_its_subscription()
        {
            PostureEstate estate = GraphWithABadAssessmentRow();

            var sink = new RecordingSink<PostureSnapshot>();
            await estate.Client().GetPostureSnapshotAsync(new PostureQuery { Source = PostureSource.ResourceGraph }, false, sink);

            SnapshotFailure failure = Assert.Single(Assert.Single(sink.Results).Failures, f => f.Reason == ScopeFailureKind.InvalidResponse);
            Assert.Equal(("Recommendation.InvalidResponse", Faulted), (failure.ErrorId, failure.Target));
            Assert.Contains(RequestId, failure.Message, StringComparison.Ordinal);
            Assert.Equal(1, sink.Results[0].Subscriptions.Single(s => s.SubscriptionId == Healthy).UnhealthyCount);
            Assert.Equal(0, estate.Requests(PostureEstate.Security(1, "assessments")));
        }

        [Fact]
        public async Task A_Resource_Graph_page_without_data_is_not_taken_as_no_rows_and_every_subscription_is_read_over_ARM()
        {
            var estate = new PostureEstate(2)
                .On(PostureEstate.Security(1, "assessments"), PostureEstate.List(PostureEstate.Assessment(1, "k1", "Unhealthy", "High")))
                .On(PostureEstate.Security(2, "assessments"), PostureEstate.List(PostureEstate.Assessment(2, "k1", "Unhealthy", "High")));
            estate.Arm.OnPost(PostureEstate.GraphPath, _ => new FakeResponse(200, "{\"data\":null}", ("x-ms-request-id", RequestId)));

            var sink = new RecordingSink<Recommendation>();
            await estate.Client().GetRecommendationsAsync(new PostureQuery { Source = PostureSource.ResourceGraph }, new RecommendationFilter(), sink);

            Assert.Empty(sink.Failures);
            Assert.Equal(new[] { Faulted, Healthy }, sink.Results.Select(r => r.SubscriptionId).OrderBy(s => s, StringComparer.Ordinal));
            Assert.Contains(sink.Verbose, v => v.Contains("InvalidResponse", StringComparison.Ordinal) && v.Contains("\"data\" is null, not an array", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Metadata_that_does_not_fit_is_a_warning_and_the_assessments_still_return_without_it()
        {
            var estate = new PostureEstate(1).On(PostureEstate.Security(1, "assessments"), PostureEstate.List(PostureEstate.Assessment(1, "k1", "Unhealthy", null)));
            Answer(estate, PostureEstate.Security(1, "assessmentMetadata"), "{\"value\":{}}", null);

            var sink = new RecordingSink<Recommendation>();
            await estate.Client().GetRecommendationsAsync(new PostureQuery(), new RecommendationFilter(), sink);

            Assert.Empty(sink.Failures);
            Assert.Equal(Severity.Unknown, Assert.Single(sink.Results).Severity);
            string warning = Assert.Single(sink.Warnings);
            Assert.Contains("\"value\" is an object, not an array", warning, StringComparison.Ordinal);
            Assert.Contains(RequestId, warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_alert_read_back_after_a_state_change_that_does_not_fit_is_one_InvalidResponse_not_an_alert_of_defaults()
        {
            string id = (string)Alert(1)["id"]!;
            var estate = new PostureEstate(1);
            estate.Arm.On(u => u.AbsolutePath == id + "/dismiss", _ => new FakeResponse(204, string.Empty));
            Answer(estate, id, "{\"id\":\"" + id + "\",\"name\":\"a1\",\"properties\":{\"status\":42}}", null);
            var alert = new Alert(new SubscriptionRef(Faulted, "sub 1", Guid.Parse(PostureEstate.Customer), "Contoso"), "a1", null, null, "Active", null, null, null,
                "westeurope", "rg", null, null, null, id);

            var sink = new RecordingSink<Alert>();
            await estate.Client().SetAlertStatesAsync(new[] { alert }, AlertState.Dismissed, reread: true, maxConcurrency: 1, sink);

            Assert.Empty(sink.Results);
            ScopeFailure failure = Assert.Single(sink.Failures);
            Assert.Equal((ScopeFailureKind.InvalidResponse, id), (failure.Kind, failure.Scope));
            Assert.Same(alert, failure.Target);
            Assert.Contains("properties.status is a number, not a string", failure.Message, StringComparison.Ordinal);
            Assert.Contains(RequestId, failure.Message, StringComparison.Ordinal);
        }

        /// <summary>Resource Graph holds both subscriptions' assessments, the first one's with a status that is not an object.</summary>
        private static PostureEstate GraphWithABadAssessmentRow()
        {
            const string type = "microsoft.security/assessments";
            var estate = new PostureEstate(2);
            estate.Arm.OnPost(PostureEstate.GraphPath, body =>
            {
                var rows = new JsonArray();
                if (body.Contains(type, StringComparison.Ordinal))
                {
                    JsonObject bad = PostureEstate.Assessment(1, "k1", "Unhealthy", "High");
                    bad["properties"]!["status"] = "Unhealthy";
                    rows.Add(PostureEstate.Row(Faulted, type, bad));
                    rows.Add(PostureEstate.Row(Healthy, type, PostureEstate.Assessment(2, "k1", "Unhealthy", "High")));
                }
                return new FakeResponse(200, new JsonObject { ["totalRecords"] = rows.Count, ["count"] = rows.Count, ["data"] = rows, ["resultTruncated"] = "false" }.ToJsonString(),
                    ("x-ms-request-id", RequestId));
            });
            return estate;
        }

        private static ScopeFailure AssertOneInvalidResponse(IReadOnlyList<ScopeFailure> failures, string reason)
        {
            ScopeFailure failure = Assert.Single(failures);
            Assert.Equal(ScopeFailureKind.InvalidResponse, failure.Kind);
            Assert.Equal(Faulted, failure.Scope);
            Assert.Equal(Faulted, Assert.IsType<DelegatedSubscription>(failure.Target).SubscriptionId);
            Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
            Assert.Contains(RequestId, failure.Message, StringComparison.Ordinal);
            Assert.NotNull(failure.RecommendedAction);
            return failure;
        }

        private static void Answer(PostureEstate estate, string path, string body, string? contentType)
        {
            var headers = new List<(string, string)> { ("x-ms-request-id", RequestId) };
            if (contentType is not null) headers.Add(("Content-Type", contentType));
            estate.Arm.On(u => u.AbsolutePath == path, _ => new FakeResponse(200, body, headers.ToArray()));
        }

        private static string BrokenList(ListKind kind)
        {
            JsonObject broken = kind.Item(1);
            kind.Break(broken);
            return PostureEstate.List(kind.Item(1), broken);
        }

        private static IScopeSink<T> Typed<T>(RecordingSink<object> sink) => new Forwarding<T>(sink);

        private static string Score(string current = "23.53", string max = "39", string percentage = "0.6033") =>
            $"{{\"id\":\"/subscriptions/x/providers/Microsoft.Security/secureScores/ascScore\",\"name\":\"ascScore\",\"properties\":{{\"displayName\":\"ASC score\"," +
            $"\"score\":{{\"max\":{max},\"current\":{current},\"percentage\":{percentage}}},\"weight\":67}}}}";

        private static JsonObject Control(int i) => new()
        {
            ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls/c1",
            ["name"] = "c1",
            ["properties"] = new JsonObject
            {
                ["displayName"] = "Enable MFA",
                ["healthyResourceCount"] = 1,
                ["unhealthyResourceCount"] = 0,
                ["notApplicableResourceCount"] = 0,
                ["score"] = new JsonObject { ["max"] = 10, ["current"] = 10, ["percentage"] = 1 },
                ["weight"] = 1,
            },
        };

        private static JsonObject Alert(int i) => new()
        {
            ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(i)}/resourceGroups/rg/providers/Microsoft.Security/locations/westeurope/alerts/a1",
            ["name"] = "a1",
            ["properties"] = new JsonObject { ["alertDisplayName"] = "Test alert", ["severity"] = "High", ["status"] = "Active" },
        };

        private static JsonObject Plan(int i) => new()
        {
            ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.Security/pricings/VirtualMachines",
            ["name"] = "VirtualMachines",
            ["properties"] = new JsonObject { ["pricingTier"] = "Standard", ["subPlan"] = "P2" },
        };

        private static JsonObject Standard(int i) => new()
        {
            ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.Security/regulatoryComplianceStandards/PCI-DSS-4",
            ["name"] = "PCI-DSS-4",
            ["properties"] = new JsonObject { ["state"] = "Failed", ["passedControls"] = 7, ["failedControls"] = 4, ["skippedControls"] = 0, ["unsupportedControls"] = 0 },
        };

        private static JsonObject Assignment(int i) => new()
        {
            ["id"] = $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.ManagedServices/registrationAssignments/a1",
            ["name"] = "a1",
            ["properties"] = new JsonObject
            {
                ["registrationDefinitionId"] = $"/subscriptions/{PostureEstate.SubscriptionId(i)}/providers/Microsoft.ManagedServices/registrationDefinitions/d1",
                ["provisioningState"] = "Succeeded",
            },
        };

        /// <summary>Results of any type into one recording sink (the kinds' output types differ).</summary>
        private sealed class Forwarding<T> : IScopeSink<T>
        {
            private readonly RecordingSink<object> _inner;
            public Forwarding(RecordingSink<object> inner) => _inner = inner;
            public void OnResult(T item) => _inner.OnResult(item!);
            public void OnFailure(ScopeFailure failure) => _inner.OnFailure(failure);
            public void OnVerbose(string message) => _inner.OnVerbose(message);
            public void OnWarning(string message) => _inner.OnWarning(message);
            public void OnProgress(int done, int total) { }
        }
    }
}
