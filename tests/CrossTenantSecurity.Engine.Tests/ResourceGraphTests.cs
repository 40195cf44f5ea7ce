using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The Resource Graph client over a fake ARM: batching, paging, the quota governor, warnings and failures.</summary>
    public class ResourceGraphTests
    {
        private const string GraphPath = "/providers/Microsoft.ResourceGraph/resources";
        private const string Customer = "22222222-2222-4222-8222-222222222222";
        private const string Query = "securityresources | project id, name";

        private static string SubscriptionId(int i) => $"{i:D8}-0000-4000-8000-000000000000";

        /// <summary>An estate of <paramref name="count"/> subscriptions delegated to the MSP, in one /subscriptions page.</summary>
        private static FakeArm Estate(int count, TimeProvider? clock = null)
        {
            var items = new JsonArray();
            for (int i = 1; i <= count; i++)
            {
                items.Add(new JsonObject
                {
                    ["id"] = "/subscriptions/" + SubscriptionId(i),
                    ["subscriptionId"] = SubscriptionId(i),
                    ["tenantId"] = Customer,
                    ["displayName"] = "sub " + i,
                    ["state"] = "Enabled",
                    ["managedByTenants"] = new JsonArray(new JsonObject { ["tenantId"] = TestSupport.Msp.ToString() }),
                });
            }
            return new FakeArm(clock)
                .OnPath("/subscriptions", new JsonObject { ["value"] = items }.ToJsonString())
                .OnPath("/tenants", "{\"value\":[]}");
        }

        private static FakeResponse Page(JsonArray rows, string? skipToken = null, string truncated = "false", int remaining = 14, string resetsAfter = "00:00:04", long? total = null)
        {
            var body = new JsonObject { ["totalRecords"] = total ?? rows.Count, ["count"] = rows.Count, ["data"] = rows, ["facets"] = new JsonArray(), ["resultTruncated"] = truncated };
            if (skipToken is not null) body["$skipToken"] = skipToken;
            return new FakeResponse(200, body.ToJsonString(), ("x-ms-user-quota-remaining", remaining.ToString()), ("x-ms-user-quota-resets-after", resetsAfter));
        }

        private static JsonArray Rows(params string[] ids) => new(ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["name"] = id }).ToArray());

        private static List<FakeCall> GraphCalls(FakeArm arm) => arm.Calls.Where(c => c.Uri.AbsolutePath == GraphPath).OrderBy(c => c.Timestamp).ToList();

        /// <summary>Runs the query; with a manual clock, moves it in 10 ms steps until the query is done.</summary>
        private static async Task<RecordingSink<IReadOnlyDictionary<string, object?>>> RunAsync(CrossTenantClient client, ResourceGraphQuery? query = null,
            FakeTimeProvider? clock = null)
        {
            var sink = new RecordingSink<IReadOnlyDictionary<string, object?>>();
            Task run = client.QueryResourceGraphAsync(query ?? new ResourceGraphQuery { Query = Query }, sink);
            if (clock is null) await run;
            else await clock.AdvanceUntilDoneAsync(run, TimeSpan.FromMilliseconds(10));
            return sink;
        }

        [Fact]
        public async Task Subscriptions_go_in_batches_of_at_most_1000_explicit_ids()
        {
            FakeArm arm = Estate(2500).OnPost(GraphPath, body =>
                Page(Rows("/rows/" + JsonNode.Parse(body)!["subscriptions"]!.AsArray()[0]!.GetValue<string>())));
            var sink = await RunAsync(TestSupport.Client(arm));

            List<FakeCall> calls = GraphCalls(arm);
            Assert.Equal(3, calls.Count);
            Assert.All(calls, c => Assert.Equal("POST", c.Method));
            Assert.All(calls, c => Assert.Contains("api-version=2024-04-01", c.Uri.Query, StringComparison.Ordinal));
            var sent = calls.Select(c => JsonNode.Parse(c.Body)!["subscriptions"]!.AsArray().Select(s => s!.GetValue<string>()).ToList()).ToList();
            Assert.Equal(new[] { 500, 1000, 1000 }, sent.Select(s => s.Count).OrderBy(n => n));
            Assert.Equal(Enumerable.Range(1, 2500).Select(SubscriptionId).OrderBy(s => s), sent.SelectMany(s => s).OrderBy(s => s));
            Assert.Equal(3, sink.Results.Count);
            Assert.Empty(sink.Failures);
            Assert.Empty(sink.Warnings);
        }

        [Fact]
        public async Task SkipToken_pages_resend_the_same_query_and_scope_until_no_token()
        {
            FakeArm arm = Estate(3).OnPost(GraphPath, body =>
            {
                string? token = (string?)JsonNode.Parse(body)!["options"]!["$skipToken"];
                return token switch
                {
                    null => Page(Rows("/a", "/b"), skipToken: "t1"),
                    "t1" => Page(Rows("/c"), skipToken: "t2"),
                    "t2" => Page(Rows("/d")),
                    _ => new FakeResponse(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"bad token\"}}"),
                };
            });
            var sink = await RunAsync(TestSupport.Client(arm));

            Assert.Equal(new[] { "/a", "/b", "/c", "/d" }, sink.Results.Select(r => (string)r["id"]!));
            List<JsonNode> bodies = GraphCalls(arm).Select(c => JsonNode.Parse(c.Body)!).ToList();
            Assert.Equal(new string?[] { null, "t1", "t2" }, bodies.Select(b => (string?)b["options"]!["$skipToken"]));
            Assert.All(bodies, b =>
            {
                Assert.Equal(Query, (string?)b["query"]);
                Assert.Equal(1000, (int)b["options"]!["$top"]!);
                Assert.Equal(bodies[0]["subscriptions"]!.ToJsonString(), b["subscriptions"]!.ToJsonString());
            });
            Assert.Empty(sink.Failures);
        }

        [Fact]
        public async Task Governor_holds_every_caller_until_the_quota_resets()
        {
            // Two batches read at once; every response says the quota is used up and resets 200 ms later (on the manual clock).
            FakeTimeProvider clock = ManualClock.Create();
            FakeArm arm = Estate(1500, clock).OnPost(GraphPath, body =>
            {
                string? token = (string?)JsonNode.Parse(body)!["options"]!["$skipToken"];
                return Page(Rows("/" + (token ?? "p1")), skipToken: token switch { null => "p2", "p2" => "p3", _ => null }, remaining: 0, resetsAfter: "00:00:00.200");
            });
            var sink = await RunAsync(TestSupport.Client(arm, time: clock), new ResourceGraphQuery { Query = Query, MaxConcurrency = 2 }, clock);

            Assert.Equal(6, sink.Results.Count);
            List<TimeSpan> sentAt = GraphCalls(arm).Select(c => clock.GetElapsedTime(GraphCalls(arm)[0].Timestamp, c.Timestamp)).ToList();
            Assert.Equal(6, sentAt.Count);
            Assert.All(sentAt.Skip(2).Take(2), t => Assert.True(t >= TimeSpan.FromMilliseconds(200), $"a page went {t.TotalMilliseconds:F0} ms after the first, before the 200 ms reset"));
            Assert.All(sentAt.Skip(4), t => Assert.True(t >= TimeSpan.FromMilliseconds(400), $"a page went {t.TotalMilliseconds:F0} ms after the first, before the second reset"));
            Assert.Equal(6, arm.Calls.Count(c => c.Uri.AbsolutePath == GraphPath)); // waits, never 429s and their back-offs
            Assert.Contains(sink.Verbose, v => v.Contains("quota used up", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_429_waits_for_the_reported_reset_then_succeeds()
        {
            int calls = 0;
            FakeTimeProvider clock = ManualClock.Create();
            FakeArm arm = Estate(2, clock).OnPost(GraphPath, _ => ++calls == 1
                ? new FakeResponse(429, "{\"error\":{\"code\":\"RateLimiting\",\"message\":\"throttled\"}}", ("x-ms-user-quota-remaining", "0"), ("x-ms-user-quota-resets-after", "00:00:00.150"))
                : Page(Rows("/a")));
            var sink = await RunAsync(TestSupport.Client(arm, time: clock), clock: clock);

            Assert.Single(sink.Results);
            Assert.Empty(sink.Failures);
            List<FakeCall> sent = GraphCalls(arm);
            Assert.Equal(2, sent.Count);
            Assert.True(clock.GetElapsedTime(sent[0].Timestamp, sent[1].Timestamp) >= TimeSpan.FromMilliseconds(150), "retried before the quota reset");
        }

        [Fact]
        public void Quota_headers_read_Retry_After_with_the_one_parser()
        {
            FakeTimeProvider clock = ManualClock.Create();
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["x-ms-user-quota-remaining"] = "3", ["x-ms-user-quota-resets-after"] = "00:00:04.500", ["Retry-After"] = clock.GetUtcNow().AddSeconds(7).ToString("r"),
            };
            var read = Engine.ResourceGraph.QuotaHeaders.Read(name => headers.TryGetValue(name, out string? v) ? v : null, clock);

            Assert.Equal(3, read.RemainingQuota);
            Assert.Equal(TimeSpan.FromSeconds(4.5), read.ResetAfter);
            Assert.Equal(TimeSpan.FromSeconds(7), read.RetryAfter);
        }

        [Fact]
        public async Task A_429_without_any_hint_backs_off_and_gives_up_after_bounded_attempts()
        {
            FakeArm arm = Estate(2).OnPost(GraphPath, _ => new FakeResponse(429, "{\"error\":{\"code\":\"RateLimiting\",\"message\":\"throttled\"}}"));
            CrossTenantClient client = TestSupport.Client(arm);
            client.ResourceGraphFallbackBackoff = TimeSpan.FromMilliseconds(10);
            var sink = await RunAsync(client);

            Assert.Equal(5, GraphCalls(arm).Count); // the pipeline itself does not retry 429s: only the governed attempts
            ScopeFailure failure = Assert.Single(sink.Failures);
            Assert.Equal(ScopeFailureKind.Throttled, failure.Kind);
            Assert.Equal("RateLimiting", failure.ErrorCode);
            Assert.Empty(sink.Results);
        }

        [Fact]
        public async Task A_truncated_result_warns_why_and_still_returns_its_rows()
        {
            FakeArm arm = Estate(2).OnPost(GraphPath, _ => Page(Rows("/a", "/b"), truncated: "true", total: 5));
            var sink = await RunAsync(TestSupport.Client(arm), new ResourceGraphQuery { Query = "securityresources | project name | take 2" });

            Assert.Equal(2, sink.Results.Count);
            string warning = Assert.Single(sink.Warnings);
            Assert.Contains("2 of 5 rows", warning, StringComparison.Ordinal);
            Assert.Contains("take", warning, StringComparison.Ordinal);
            Assert.Contains("id", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_failing_batch_is_one_failure_and_the_other_batches_still_return_rows()
        {
            string poisoned = SubscriptionId(1500);
            FakeArm arm = Estate(2500).OnPost(GraphPath, body => body.Contains(poisoned, StringComparison.Ordinal)
                ? new FakeResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no access\"}}")
                : Page(Rows("/ok")));
            var sink = await RunAsync(TestSupport.Client(arm));

            ScopeFailure failure = Assert.Single(sink.Failures);
            Assert.Equal(ScopeFailureKind.Forbidden, failure.Kind);
            Assert.Equal("batch 2 of 3 (1000 subscriptions)", failure.Scope);
            Assert.Contains(poisoned, (IReadOnlyList<string>)failure.Target!);
            Assert.Equal(2, sink.Results.Count);
        }

        [Fact]
        public async Task Rows_become_ordered_plain_values_and_First_caps_them()
        {
            const string row = "{\"id\":\"/x\",\"count\":3,\"ratio\":0.5,\"on\":true,\"none\":null,\"tags\":{\"b\":\"2\",\"a\":\"1\"},\"zones\":[\"1\",2]}";
            FakeArm arm = Estate(2).OnPost(GraphPath, _ => new FakeResponse(200, "{\"data\":[" + row + "," + row + "," + row + "],\"resultTruncated\":\"false\"}"));
            var sink = await RunAsync(TestSupport.Client(arm), new ResourceGraphQuery { Query = Query, First = 2 });

            Assert.Equal(2, sink.Results.Count);
            IReadOnlyDictionary<string, object?> first = sink.Results[0];
            Assert.Equal(new[] { "id", "count", "ratio", "on", "none", "tags", "zones" }, first.Keys);
            Assert.Equal(3L, Assert.IsType<long>(first["count"]));
            Assert.Equal(0.5, Assert.IsType<double>(first["ratio"]));
            Assert.Equal(true, first["on"]);
            Assert.Null(first["none"]);
            Assert.Equal(new[] { "b", "a" }, ((IReadOnlyDictionary<string, object?>)first["tags"]!).Keys);
            Assert.Equal(new object?[] { "1", 2L }, (IReadOnlyList<object?>)first["zones"]!);
            Assert.Equal(2, (int)JsonNode.Parse(GraphCalls(arm)[0].Body)!["options"]!["$top"]!);
        }

        [Fact]
        public async Task No_subscription_in_scope_sends_no_query()
        {
            FakeArm arm = Estate(0).OnPost(GraphPath, _ => Page(Rows("/a")));
            var sink = await RunAsync(TestSupport.Client(arm));
            Assert.Empty(GraphCalls(arm));
            Assert.Single(sink.Warnings);
        }
    }
}
