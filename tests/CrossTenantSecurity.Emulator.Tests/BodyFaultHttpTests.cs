using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>
    /// Body faults over HTTPS on one shared emulator, as Module tests use them: add a rule at run time, read, remove it.
    /// Each kind's exact bytes, status and headers; scope targeting; counters and the request log.
    /// </summary>
    public class BodyFaultHttpTests : IClassFixture<EmulatorFixture>
    {
        private const string NorthwindProduction = "2b222222-0000-4000-8000-000000000001";
        private const string NorthwindDevelopment = "2b222222-0000-4000-8000-000000000002";
        private const string NorthwindLegacy = "2b222222-0000-4000-8000-000000000003";
        private const string TailspinSandbox = "3c333333-0000-4000-8000-000000000004";
        private const string Subscriptions = "subscriptions?api-version=2022-12-01";
        private const string Tenants = "tenants?api-version=2022-12-01";
        private static readonly Guid Production = Guid.Parse(NorthwindProduction);

        private readonly EmulatorFixture _emulator;

        public BodyFaultHttpTests(EmulatorFixture emulator)
        {
            _emulator = emulator;
            Rules.Clear();
        }

        private BodyFaultRules Rules => _emulator.Host.BodyFaults;

        private static string Score(string subscription) => $"subscriptions/{subscription}/providers/Microsoft.Security/secureScores/ascScore?api-version=2020-01-01";
        private static string Assessments(string subscription) => $"subscriptions/{subscription}/providers/Microsoft.Security/assessments?api-version=2021-06-01";
        private static string Pricings(string subscription) => $"subscriptions/{subscription}/providers/Microsoft.Security/pricings?api-version=2024-01-01";

        private sealed record Answer(int Status, byte[] Body, string? ContentType, long? ContentLength)
        {
            public string Text => Encoding.UTF8.GetString(Body);
            public JsonNode Json => JsonNode.Parse(Body)!;
        }

        private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string pathAndQuery)
        {
            var request = new HttpRequestMessage(method, pathAndQuery);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _emulator.TokenAsync(EmulatorFixture.Automation));
            return request;
        }

        private async Task<Answer> GetAsync(string pathAndQuery)
        {
            using HttpRequestMessage request = await RequestAsync(HttpMethod.Get, pathAndQuery);
            using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
            return new Answer((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(),
                response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentLength);
        }

        private async Task<Answer> FaultedAsync(BodyFaultRule rule, string pathAndQuery)
        {
            using (Rules.Use(rule)) return await GetAsync(pathAndQuery);
        }

        private static void AssertFailsToParse(byte[] body) => Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body).Dispose());

        [Fact]
        public async Task TruncatedJson_sends_the_first_half_with_a_matching_Content_Length()
        {
            Answer real = await GetAsync(Assessments(NorthwindProduction));
            Answer cut = await FaultedAsync(new BodyFaultRule(BodyFaultKind.TruncatedJson, Production), Assessments(NorthwindProduction));
            Assert.Equal(200, cut.Status);
            Assert.Equal(real.Body.Length / 2, cut.Body.Length);
            Assert.Equal(cut.Body.Length, cut.ContentLength);
            Assert.Equal(real.Body.Take(real.Body.Length / 2), cut.Body);
            Assert.Equal(real.ContentType, cut.ContentType);
            AssertFailsToParse(cut.Body);
        }

        [Fact]
        public async Task HtmlPage_is_a_text_html_page_with_status_200()
        {
            Answer page = await FaultedAsync(new BodyFaultRule(BodyFaultKind.HtmlPage, Production), Score(NorthwindProduction));
            Assert.Equal(200, page.Status);
            Assert.Equal("text/html; charset=utf-8", page.ContentType);
            Assert.Equal(BodyFaultBodies.HtmlPage, page.Body);
            Assert.Equal(page.Body.Length, page.ContentLength);
            Assert.StartsWith("<!DOCTYPE html>", page.Text, StringComparison.Ordinal);
            AssertFailsToParse(page.Body);
        }

        [Theory]
        [InlineData(BodyFaultKind.EmptyObject, "assessments", "{}")]
        [InlineData(BodyFaultKind.EmptyObject, "score", "{}")]
        [InlineData(BodyFaultKind.NullValue, "assessments", "{\"value\":null}")]
        [InlineData(BodyFaultKind.NullValue, "pricings", "{\"value\":null}")]
        [InlineData(BodyFaultKind.NullValue, "score", "null")]
        [InlineData(BodyFaultKind.EmptyBody, "assessments", "")]
        public async Task Fixed_bodies_are_sent_exactly_as_JSON_with_status_200(BodyFaultKind kind, string endpoint, string expected)
        {
            string path = endpoint switch { "assessments" => Assessments(NorthwindProduction), "pricings" => Pricings(NorthwindProduction), _ => Score(NorthwindProduction) };
            Answer real = await GetAsync(path);
            Answer faulted = await FaultedAsync(new BodyFaultRule(kind, Production), path);
            Assert.Equal(200, faulted.Status);
            Assert.Equal(expected, faulted.Text);
            Assert.Equal(faulted.Body.Length, faulted.ContentLength);
            Assert.Equal(real.ContentType, faulted.ContentType);
            Assert.StartsWith("application/json", faulted.ContentType, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ObjectValue_makes_value_the_first_item_of_the_list()
        {
            Answer real = await GetAsync(Assessments(NorthwindProduction));
            Answer faulted = await FaultedAsync(new BodyFaultRule(BodyFaultKind.ObjectValue, Production), Assessments(NorthwindProduction));
            Assert.Equal(200, faulted.Status);
            JsonObject body = Assert.IsType<JsonObject>(faulted.Json);
            Assert.Equal(new[] { "value" }, body.Select(p => p.Key));
            Assert.True(JsonNode.DeepEquals(real.Json["value"]![0], body["value"]), "value should be the real first item");
        }

        [Fact]
        public async Task WrongTypes_gives_every_field_under_properties_another_type_and_keeps_the_ids()
        {
            Answer real = await GetAsync(Score(NorthwindProduction));
            var rule = new BodyFaultRule(BodyFaultKind.WrongTypes, Production, PostureEndpoint.SecureScores);
            Answer faulted = await FaultedAsync(rule, Score(NorthwindProduction));
            Assert.Equal(200, faulted.Status);
            JsonNode broken = faulted.Json;
            foreach (string identity in new[] { "id", "name", "type" })
                Assert.Equal(real.Json[identity]!.GetValue<string>(), broken[identity]!.GetValue<string>());
            AssertEveryValueHasAnotherType(real.Json["properties"]!, broken["properties"], "properties");
            JsonNode? current = broken["properties"]!["score"]!["current"];
            Assert.True(current is JsonObject { Count: 0 } || current!.ToJsonString() == "\"abc\"", $"score.current is {current?.ToJsonString()}");

            Answer again = await FaultedAsync(rule, Score(NorthwindProduction));
            Assert.Equal(faulted.Body, again.Body);
        }

        [Fact]
        public async Task WrongTypes_on_a_list_breaks_each_items_properties_and_the_nextLink()
        {
            Answer real = await GetAsync(Assessments(NorthwindProduction));
            Answer faulted = await FaultedAsync(new BodyFaultRule(BodyFaultKind.WrongTypes, Production), Assessments(NorthwindProduction));
            JsonArray realItems = real.Json["value"]!.AsArray();
            JsonArray brokenItems = Assert.IsType<JsonArray>(faulted.Json["value"]);
            Assert.Equal(realItems.Count, brokenItems.Count);
            for (int i = 0; i < realItems.Count; i++)
            {
                Assert.Equal(realItems[i]!["id"]!.GetValue<string>(), brokenItems[i]!["id"]!.GetValue<string>());
                AssertEveryValueHasAnotherType(realItems[i]!["properties"]!, brokenItems[i]!["properties"], $"value[{i}].properties");
            }
            Assert.Equal(JsonValueKind.String, real.Json["nextLink"]!.GetValueKind());
            Assert.NotEqual(JsonValueKind.String, faulted.Json["nextLink"]!.GetValueKind());
        }

        private static void AssertEveryValueHasAnotherType(JsonNode real, JsonNode? broken, string path)
        {
            switch (real)
            {
                case JsonObject fields:
                    JsonObject brokenFields = Assert.IsType<JsonObject>(broken);
                    Assert.Equal(fields.Select(f => f.Key), brokenFields.Select(f => f.Key));
                    foreach (var (name, value) in fields)
                    {
                        if (value is null) Assert.Null(brokenFields[name]);
                        else AssertEveryValueHasAnotherType(value, brokenFields[name], $"{path}.{name}");
                    }
                    break;
                case JsonArray:
                    Assert.True(broken is JsonObject { Count: 0 }, $"{path}: an array should become {{}}, not {broken?.ToJsonString()}");
                    break;
                default:
                    Assert.NotNull(broken);
                    Assert.True(real.GetValueKind() != broken!.GetValueKind() &&
                        !(real.GetValueKind() is JsonValueKind.True or JsonValueKind.False && broken.GetValueKind() is JsonValueKind.True or JsonValueKind.False),
                        $"{path}: {real.ToJsonString()} became {broken.ToJsonString()}");
                    if (real.GetValueKind() == JsonValueKind.Number) Assert.True(broken is JsonObject || broken.ToJsonString() == "\"abc\"", $"{path}: {broken.ToJsonString()}");
                    break;
            }
        }

        [Fact]
        public async Task ResetMidBody_announces_the_whole_body_and_breaks_off_halfway()
        {
            Answer real = await GetAsync(Assessments(NorthwindProduction));
            using (Rules.Use(new BodyFaultRule(BodyFaultKind.ResetMidBody, Production, PostureEndpoint.Assessments)))
            {
                using HttpRequestMessage request = await RequestAsync(HttpMethod.Get, Assessments(NorthwindProduction));
                using HttpResponseMessage response = await _emulator.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(200, (int)response.StatusCode);
                Assert.Equal(real.Body.Length, response.Content.Headers.ContentLength);
                await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
            }
            Assert.Contains(_emulator.Host.Requests.Entries, e => e.Outcome == "bodyfault:ResetMidBody");
        }

        [Fact]
        public async Task Hang_answers_nothing_until_the_client_gives_up()
        {
            long before = _emulator.Host.Requests.Behaviour.BodyFaults(EndpointClass.ArmRead, BodyFaultKind.Hang);
            using (Rules.Use(new BodyFaultRule(BodyFaultKind.Hang, Production, PostureEndpoint.SecureScores)))
            {
                using HttpRequestMessage request = await RequestAsync(HttpMethod.Get, Score(NorthwindProduction));
                using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _emulator.Http.SendAsync(request, giveUp.Token));
            }
            Assert.Equal(before + 1, _emulator.Host.Requests.Behaviour.BodyFaults(EndpointClass.ArmRead, BodyFaultKind.Hang));
        }

        [Fact]
        public async Task A_subscription_and_endpoint_rule_hits_only_that_endpoint_of_that_subscription()
        {
            Answer realScore = await GetAsync(Score(NorthwindProduction));
            Answer realDevelopment = await GetAsync(Assessments(NorthwindDevelopment));
            Answer realSubscriptions = await GetAsync(Subscriptions);
            using (Rules.Use(BodyFaultRule.Parse($"NullValue@{NorthwindProduction}/assessments")))
            {
                Assert.Equal("{\"value\":null}", (await GetAsync(Assessments(NorthwindProduction))).Text);
                Assert.Equal(realScore.Body, (await GetAsync(Score(NorthwindProduction))).Body);
                Assert.Equal(realDevelopment.Body, (await GetAsync(Assessments(NorthwindDevelopment))).Body);
                Assert.Equal(realSubscriptions.Body, (await GetAsync(Subscriptions)).Body);
            }
        }

        [Fact]
        public async Task A_subscription_rule_hits_its_Security_reads_but_not_the_listings_or_other_subscriptions()
        {
            Answer realList = await GetAsync(Subscriptions);
            Answer realSubscription = await GetAsync($"subscriptions/{NorthwindProduction}?api-version=2022-12-01");
            Answer realTenants = await GetAsync(Tenants);
            Answer realDevelopment = await GetAsync(Score(NorthwindDevelopment));
            using (Rules.Use(new BodyFaultRule(BodyFaultKind.EmptyObject, Production)))
            {
                Assert.Equal("{}", (await GetAsync(Score(NorthwindProduction))).Text);
                Assert.Equal("{}", (await GetAsync(Assessments(NorthwindProduction))).Text);
                Assert.Equal("{}", (await GetAsync(Pricings(NorthwindProduction))).Text);
                Assert.Equal(realList.Body, (await GetAsync(Subscriptions)).Body);
                Assert.Equal(realSubscription.Body, (await GetAsync($"subscriptions/{NorthwindProduction}?api-version=2022-12-01")).Body);
                Assert.Equal(realTenants.Body, (await GetAsync(Tenants)).Body);
                Assert.Equal(realDevelopment.Body, (await GetAsync(Score(NorthwindDevelopment))).Body);
            }
        }

        [Fact]
        public async Task Listings_are_hit_only_when_a_rule_names_them_and_the_token_endpoint_never()
        {
            Answer realScore = await GetAsync(Score(NorthwindProduction));
            using (Rules.Use(BodyFaultRule.Parse("HtmlPage@Subscriptions")))
            using (Rules.Use(BodyFaultRule.Parse("EmptyObject@tenants")))
            {
                Answer list = await GetAsync(Subscriptions);
                Assert.Equal(BodyFaultBodies.HtmlPage, list.Body);
                Assert.Equal("{}", (await GetAsync(Tenants)).Text);
                Assert.Equal(realScore.Body, (await GetAsync(Score(NorthwindProduction))).Body);
            }
            using (Rules.Use(new BodyFaultRule(BodyFaultKind.EmptyObject)))
            {
                Assert.Equal("{}", (await GetAsync(Score(NorthwindDevelopment))).Text);
                Assert.Equal(200, (await GetAsync(Subscriptions)).Status);
                Assert.NotNull((await GetAsync(Subscriptions)).Json["value"]);
                using HttpResponseMessage token = await _emulator.TokenResponseAsync(EmulatorFixture.Automation.Tenant, EmulatorFixture.Automation.AppId, EmulatorFixture.Automation.Secret);
                Assert.Equal(200, (int)token.StatusCode);
                Assert.NotNull(JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]);
            }
        }

        [Fact]
        public async Task Resource_Graph_answers_are_hit_only_when_named_and_their_list_is_data()
        {
            async Task<Answer> QueryAsync()
            {
                using HttpRequestMessage request = await RequestAsync(HttpMethod.Post, "providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01");
                request.Content = new StringContent("{\"query\":\"securityresources | limit 3\"}", Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
                return new Answer((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentLength);
            }
            Answer real = await QueryAsync();
            Assert.Equal(200, real.Status);
            Assert.IsType<JsonArray>(real.Json["data"]);
            using (Rules.Use(new BodyFaultRule(BodyFaultKind.EmptyObject)))
            {
                Assert.IsType<JsonArray>((await QueryAsync()).Json["data"]);
            }
            using (Rules.Use(BodyFaultRule.Parse("NullValue@ResourceGraph")))
            {
                Assert.Equal("{\"data\":null}", (await QueryAsync()).Text);
            }
        }

        [Fact]
        public async Task Errors_stay_real_and_are_not_counted()
        {
            Answer notComputed = await GetAsync(Score(NorthwindLegacy));
            Answer notDelegated = await GetAsync(Score(TailspinSandbox));
            long before = _emulator.Host.Requests.Behaviour.BodyFaults();
            using (Rules.Use(new BodyFaultRule(BodyFaultKind.EmptyObject)))
            {
                Answer legacy = await GetAsync(Score(NorthwindLegacy));
                Assert.Equal(404, legacy.Status);
                Assert.Equal(notComputed.Body, legacy.Body);
                Answer sandbox = await GetAsync(Score(TailspinSandbox));
                Assert.Equal(notDelegated.Status, sandbox.Status);
                Assert.NotEqual(200, sandbox.Status);
                Assert.Equal(notDelegated.Text, sandbox.Text);
            }
            Assert.Equal(before, _emulator.Host.Requests.Behaviour.BodyFaults());
        }

        [Fact]
        public async Task Body_faults_are_counted_by_endpoint_class_and_kind_and_logged()
        {
            BehaviourCountersSnapshot before = Snapshot();
            using (Rules.Use(new BodyFaultRule(BodyFaultKind.EmptyObject, Production)))
            {
                await GetAsync(Score(NorthwindProduction));
                await GetAsync(Assessments(NorthwindProduction));
                await GetAsync(Assessments(NorthwindProduction));
            }
            BehaviourCountersSnapshot after = Snapshot();
            Assert.Equal(1, after.ArmRead - before.ArmRead);
            Assert.Equal(2, after.SecurityList - before.SecurityList);
            Assert.Equal(3, after.Total - before.Total);
            Assert.Equal(0, _emulator.Host.Requests.Behaviour.Faults());
            Assert.Contains(_emulator.Host.Requests.Entries, e =>
                e.Outcome == "bodyfault:EmptyObject" && e.Status == 200 && e.Path == $"/subscriptions/{NorthwindProduction}/providers/Microsoft.Security/assessments");
        }

        private readonly record struct BehaviourCountersSnapshot(long ArmRead, long SecurityList, long Total);

        private BehaviourCountersSnapshot Snapshot()
        {
            var counters = _emulator.Host.Requests.Behaviour;
            return new(counters.BodyFaults(EndpointClass.ArmRead, BodyFaultKind.EmptyObject),
                counters.BodyFaults(EndpointClass.SecurityList, BodyFaultKind.EmptyObject), counters.BodyFaults());
        }

        [Fact]
        public async Task Removing_or_clearing_rules_at_run_time_restores_the_real_answers()
        {
            Answer real = await GetAsync(Score(NorthwindProduction));
            var rule = new BodyFaultRule(BodyFaultKind.EmptyObject, Production, PostureEndpoint.SecureScores);
            using (Rules.Use(rule))
            {
                Assert.Equal("{}", (await GetAsync(Score(NorthwindProduction))).Text);
            }
            Assert.Empty(Rules.Current);
            Assert.Equal(real.Body, (await GetAsync(Score(NorthwindProduction))).Body);

            Rules.Add(rule);
            Rules.Add(new BodyFaultRule(BodyFaultKind.HtmlPage, Production));
            Assert.Equal("{}", (await GetAsync(Score(NorthwindProduction))).Text);
            Assert.True(Rules.Remove(rule));
            Assert.Equal(BodyFaultBodies.HtmlPage, (await GetAsync(Score(NorthwindProduction))).Body);
            Rules.Clear();
            Assert.Equal(real.Body, (await GetAsync(Score(NorthwindProduction))).Body);
        }
    }
}
