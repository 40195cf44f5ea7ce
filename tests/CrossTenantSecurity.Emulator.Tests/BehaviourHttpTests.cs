using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>The behaviour layer end to end: a started emulator over HTTPS, time moved by a manual clock.</summary>
    public class BehaviourHttpTests
    {
        private const string SubscriptionsQuery = "subscriptions?api-version=2022-12-01";
        private const string ResourceGraphQuery = "providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01";

        private static string Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"Header '{name}' is missing.");

        private static async Task<string> FirstSubscriptionAsync(BehaviourEmulator emulator)
        {
            using HttpResponseMessage response = await emulator.GetAsync(SubscriptionsQuery);
            Assert.Equal("249", Header(response, "x-ms-ratelimit-remaining-tenant-reads"));
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]![0]!["subscriptionId"]!.GetValue<string>();
        }

        [Fact]
        public async Task Reads_past_250_in_one_second_get_ARMs_429_until_the_Retry_After_has_passed()
        {
            var clock = new BehaviourManualClock();
            await using BehaviourEmulator emulator = await BehaviourEmulator.StartAsync(o => o.TimeProvider = clock);
            string subscription = await FirstSubscriptionAsync(emulator);
            string path = $"subscriptions/{subscription}?api-version=2022-12-01";
            for (int i = 1; i <= 250; i++)
            {
                using HttpResponseMessage ok = await emulator.GetAsync(path);
                Assert.Equal(200, (int)ok.StatusCode);
                if (i == 1) Assert.Equal("3749", Header(ok, "x-ms-ratelimit-remaining-subscription-global-reads"));
                if (i == 250) Assert.Equal("0", Header(ok, "x-ms-ratelimit-remaining-subscription-reads"));
            }

            using HttpResponseMessage throttled = await emulator.GetAsync(path);
            Assert.Equal(429, (int)throttled.StatusCode);
            Assert.True(int.Parse(Header(throttled, "Retry-After")) >= 10);
            Assert.False(throttled.Headers.Contains("x-ms-retry-after-ms"));
            Assert.Equal("0", Header(throttled, "x-ms-ratelimit-remaining-subscription-reads"));
            JsonNode error = JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal("SubscriptionRequestsThrottled", error["code"]!.GetValue<string>());
            Assert.StartsWith($"Number of 'read' requests for subscription '{subscription}' actor ", error["message"]!.GetValue<string>(), StringComparison.Ordinal);

            clock.Advance(TimeSpan.FromSeconds(3));
            using HttpResponseMessage early = await emulator.GetAsync(path);
            Assert.Equal(429, (int)early.StatusCode);

            clock.Advance(TimeSpan.FromSeconds(10));
            using HttpResponseMessage later = await emulator.GetAsync(path);
            Assert.Equal(200, (int)later.StatusCode);

            Assert.Equal(2, emulator.Host.Requests.Behaviour.Throttled(EndpointClass.ArmRead, ThrottleReason.Arm));
            Assert.Equal(2, emulator.Host.Requests.Entries.Count(e => e.Outcome == "throttled:Arm" && e.Status == 429));
        }

        [Fact]
        public async Task A_scaled_Retry_After_is_rounded_up_to_a_second_and_sent_exactly_in_milliseconds()
        {
            var clock = new BehaviourManualClock();
            await using BehaviourEmulator emulator = await BehaviourEmulator.StartAsync(o =>
            {
                o.TimeProvider = clock;
                o.TimeScale = 0.05;
                o.ArmLimits = new ArmThrottleLimits { ReadCapacity = 1 };
            });
            using HttpResponseMessage first = await emulator.GetAsync(SubscriptionsQuery);
            Assert.Equal(200, (int)first.StatusCode);
            using HttpResponseMessage throttled = await emulator.GetAsync(SubscriptionsQuery);
            Assert.Equal(429, (int)throttled.StatusCode);
            Assert.Equal("1", Header(throttled, "Retry-After"));
            Assert.Equal("500", Header(throttled, "x-ms-retry-after-ms"));
            Assert.Equal("TenantRequestsThrottled", JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
            clock.Advance(TimeSpan.FromMilliseconds(500));
            using HttpResponseMessage after = await emulator.GetAsync(SubscriptionsQuery);
            Assert.Equal(200, (int)after.StatusCode);
        }

        [Fact]
        public async Task The_16th_Resource_Graph_query_in_5_seconds_gets_RateLimiting_without_Retry_After()
        {
            var clock = new BehaviourManualClock();
            await using BehaviourEmulator emulator = await BehaviourEmulator.StartAsync(o => o.TimeProvider = clock);
            for (int i = 1; i <= 15; i++)
            {
                using HttpRequestMessage request = emulator.Request(HttpMethod.Post, ResourceGraphQuery);
                request.Content = new StringContent("{\"query\":\"securityresources\"}", System.Text.Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await emulator.Http.SendAsync(request);
                Assert.NotEqual(429, (int)response.StatusCode);
                Assert.Equal((15 - i).ToString(), Header(response, "x-ms-user-quota-remaining"));
                Assert.Equal("00:00:05", Header(response, "x-ms-user-quota-resets-after"));
            }
            using HttpRequestMessage last = emulator.Request(HttpMethod.Post, ResourceGraphQuery);
            last.Content = new StringContent("{\"query\":\"securityresources\"}", System.Text.Encoding.UTF8, "application/json");
            using HttpResponseMessage throttled = await emulator.Http.SendAsync(last);
            Assert.Equal(429, (int)throttled.StatusCode);
            Assert.False(throttled.Headers.Contains("Retry-After"));
            Assert.Equal("0", Header(throttled, "x-ms-user-quota-remaining"));
            JsonNode error = JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal("RateLimiting", error["code"]!.GetValue<string>());
            Assert.StartsWith("Please provide below info when asking for support: timestamp = ", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(1, emulator.Host.Requests.Behaviour.Throttled(ThrottleReason.ResourceGraph));
        }

        private static Task<BehaviourEmulator> WithFault(FaultRates rates, TimeSpan? clientTimeout = null) =>
            BehaviourEmulator.StartAsync(o => o.CustomFaultRates = rates, clientTimeout);

        [Fact]
        public async Task A_500_has_ARMs_internal_server_error_body()
        {
            await using BehaviourEmulator emulator = await WithFault(FaultRates.None with { InternalServerError = 1 });
            using HttpResponseMessage response = await emulator.GetAsync(SubscriptionsQuery);
            Assert.Equal(500, (int)response.StatusCode);
            JsonNode error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal("InternalServerError", error["code"]!.GetValue<string>());
            Assert.StartsWith("Encountered internal server error. Diagnostic information: timestamp '", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(1, emulator.Host.Requests.Behaviour.Faults(EndpointClass.ArmRead, FaultKind.InternalServerError));
            Assert.Contains(emulator.Host.Requests.Entries, e => e.Outcome == "fault:InternalServerError");
        }

        [Fact]
        public async Task A_503_carries_Retry_After_of_1_to_5_seconds()
        {
            await using BehaviourEmulator emulator = await WithFault(FaultRates.None with { ServiceUnavailable = 1 });
            using HttpResponseMessage response = await emulator.GetAsync(SubscriptionsQuery);
            Assert.Equal(503, (int)response.StatusCode);
            Assert.InRange(int.Parse(Header(response, "Retry-After")), 1, 5);
        }

        [Fact]
        public async Task A_reset_before_headers_fails_the_request()
        {
            await using BehaviourEmulator emulator = await WithFault(FaultRates.None with { ConnectionReset = 1 });
            await Assert.ThrowsAsync<HttpRequestException>(() => emulator.GetAsync(SubscriptionsQuery));
            Assert.Equal(1, emulator.Host.Requests.Behaviour.Faults(FaultKind.ConnectionReset));
        }

        [Fact]
        public async Task A_partial_body_announces_the_full_length_and_breaks_off_halfway()
        {
            await using BehaviourEmulator emulator = await WithFault(FaultRates.None with { PartialBodyThenAbort = 1 });
            using HttpRequestMessage request = emulator.Request(HttpMethod.Get, SubscriptionsQuery);
            using HttpResponseMessage response = await emulator.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.True(response.Content.Headers.ContentLength > 100);
            await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task A_hang_lasts_until_the_client_gives_up()
        {
            // The client timeout must outlast a sign-in and a TLS handshake on a busy machine, or the hang is never reached.
            await using BehaviourEmulator emulator = await WithFault(FaultRates.None with { Hang = 1 }, TimeSpan.FromSeconds(2));
            await Assert.ThrowsAsync<TaskCanceledException>(() => emulator.GetAsync(SubscriptionsQuery));
            Assert.Equal(1, emulator.Host.Requests.Behaviour.Faults(EndpointClass.ArmRead, FaultKind.Hang));
        }

        [Fact]
        public async Task Latency_is_injected_scaled_and_counted()
        {
            await using BehaviourEmulator emulator = await BehaviourEmulator.StartAsync(o => { o.Latency = true; o.TimeScale = 0.001; });
            using HttpResponseMessage response = await emulator.GetAsync(SubscriptionsQuery);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.True(emulator.Host.Requests.Behaviour.InjectedLatency(EndpointClass.ArmRead) > TimeSpan.Zero);
            Assert.True(emulator.Host.Requests.Behaviour.InjectedLatency(EndpointClass.EntraToken) > TimeSpan.Zero);
            Assert.Equal(1, emulator.Host.Requests.Behaviour.Requests(EndpointClass.EntraToken));
            Assert.Contains(emulator.Host.Requests.Entries, e => e.Path == "/subscriptions" && e.InjectedLatencyMs > 0);
        }
    }
}
