using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Session;
using CrossTenantSecurity.Engine.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>Microsoft Graph and Defender for Endpoint over the session transport: OData paging, a token per customer tenant, per-tenant holds.</summary>
    public class ODataGatewayTests
    {
        private const string Graph = "https://graph.example.test";
        private static readonly Guid CustomerA = Guid.Parse("a0000000-0000-4000-8000-00000000000a");
        private static readonly Guid CustomerB = Guid.Parse("b0000000-0000-4000-8000-00000000000b");
        private static readonly Guid Unconsented = Guid.Parse("c0000000-0000-4000-8000-00000000000c");

        private readonly FakeTimeProvider _clock = ManualClock.Create();

        [Fact]
        public async Task Items_come_from_value_across_odata_nextLink_pages()
        {
            var arm = new FakeArm(_clock)
                .On(u => u.AbsolutePath == "/v1.0/security/incidents" && !u.Query.Contains("skiptoken", StringComparison.Ordinal),
                    _ => Page(new[] { "1", "2" }, Graph + "/v1.0/security/incidents?$skiptoken=p2"))
                .On(u => u.Query.Contains("skiptoken=p2", StringComparison.Ordinal), _ => Page(new[] { "3" }, null));
            ODataGateway graph = Gateway(arm, CloudService.MicrosoftGraph);

            List<string> ids = await ListIdsAsync(graph, "v1.0/security/incidents?$top=50", CustomerA);

            Assert.Equal(new[] { "1", "2", "3" }, ids);
            Assert.Equal(2, arm.Calls.Count);
            Assert.All(arm.Calls, c => Assert.Equal("graph.example.test", c.Uri.Host));
        }

        [Fact]
        public async Task Every_request_carries_the_token_of_its_own_tenant()
        {
            var arm = new FakeArm(_clock).On(u => u.AbsolutePath == "/api/machines", _ => Page(new[] { "m" }, null));
            ODataGateway defender = Gateway(arm, CloudService.DefenderEndpoint);

            foreach (Guid tenant in new[] { CustomerA, CustomerB, CustomerA })
                await ListIdsAsync(defender, "api/machines", tenant);

            // Whose token, read from its claims; the token itself is never printed.
            var issuedIn = arm.Calls.Select(c => TokenClaims.TryRead(c.Authorization!.Substring("Bearer ".Length))).ToList();
            Assert.Equal(new Guid?[] { CustomerA, CustomerB, CustomerA }, issuedIn.Select(claims => claims?.TenantId));
            Assert.All(arm.Calls, c => Assert.StartsWith("Bearer ", c.Authorization, StringComparison.Ordinal));
        }

        [Fact]
        public async Task The_debug_trace_says_a_request_was_authorized_and_never_shows_the_token()
        {
            var arm = new FakeArm(_clock).On(_ => true, _ => Page(new[] { "1" }, null));
            ODataGateway graph = Gateway(arm, CloudService.MicrosoftGraph);
            var lines = new List<string>();

            RequestTrace.WriteTo(line => { lock (lines) lines.Add(line); });
            try
            {
                await ListIdsAsync(graph, "v1.0/security/incidents", CustomerA);
            }
            finally
            {
                RequestTrace.WriteTo(null);
            }

            string token = arm.Calls.Single().Authorization!.Substring("Bearer ".Length);
            string traced = Assert.Single(lines, l => l.StartsWith("HTTP GET https://graph.example.test/", StringComparison.Ordinal));
            Assert.Contains("Authorization: [redacted]", traced, StringComparison.Ordinal);
            Assert.False(traced.Contains(token, StringComparison.Ordinal), "the trace carried the token"); // no token in a failure message either
        }

        [Fact]
        public async Task A_tenant_whose_token_is_refused_is_one_typed_failure_and_another_tenant_still_answers()
        {
            var arm = new FakeArm(_clock).On(u => u.AbsolutePath == "/v1.0/security/alerts_v2", _ => Page(new[] { "alert" }, null));
            ODataGateway graph = Gateway(arm, CloudService.MicrosoftGraph, Unconsented);

            var refused = await Assert.ThrowsAsync<TokenRequestException>(() => ListIdsAsync(graph, "v1.0/security/alerts_v2", Unconsented));
            List<string> answered = await ListIdsAsync(graph, "v1.0/security/alerts_v2", CustomerB);

            ScopeFailure failure = FailureMapper.ToFailure(Unconsented.ToString(), refused);
            Assert.Equal(ScopeFailureKind.ConsentRequired, failure.Kind);
            Assert.Equal("AADSTS700016", failure.ErrorCode);
            Assert.Equal(new[] { "alert" }, answered);
            Assert.Single(arm.Calls); // the refused tenant sent nothing
        }

        [Fact]
        public async Task A_Graph_429_holds_only_that_tenant()
        {
            int throttled = 0;
            var arm = new FakeArm(_clock)
                .On(u => u.Query.Contains("first", StringComparison.Ordinal), _ => Interlocked.Increment(ref throttled) == 1
                    ? new FakeResponse(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\",\"innerError\":{\"request-id\":\"r1\"}}}", ("Retry-After", "5"))
                    : Page(new[] { "a1" }, null))
                .On(u => u.AbsolutePath == "/v1.0/security/incidents", _ => Page(new[] { "x" }, null));
            var transport = new ServiceTransport(TestSupport.Options(time: _clock), arm);
            var graph = new ODataGateway(transport, FakeTenantCredential.Broker(transport.Options), CloudService.MicrosoftGraph);

            Task<List<string>> first = ListIdsAsync(graph, "v1.0/security/incidents?first", CustomerA);
            await ManualClock.WaitUntilAsync(() => transport.Governor.IsHeld(RequestScope.ForTenant(CloudService.MicrosoftGraph, CustomerA), RequestMethod.Get));
            DateTimeOffset throttledAt = _clock.GetUtcNow();
            Task<List<string>> sameTenant = ListIdsAsync(graph, "v1.0/security/incidents?second", CustomerA);
            Task<List<string>> otherTenant = ListIdsAsync(graph, "v1.0/security/incidents?second", CustomerB);
            await ManualClock.WaitUntilAsync(() => otherTenant.IsCompleted);
            await _clock.AdvanceUntilDoneAsync(Task.WhenAll(first, sameTenant, otherTenant), TimeSpan.FromMilliseconds(250));

            var seconds = arm.Sent.Where(s => s.Uri.Query.Contains("second", StringComparison.Ordinal)).Select(s => s.At).ToList();
            Assert.Equal(2, seconds.Count);
            Assert.Equal(throttledAt, seconds.Min()); // the other tenant went at once
            Assert.True(seconds.Max() - throttledAt >= TimeSpan.FromSeconds(5), "the throttled tenant's next request left before Retry-After");
            Assert.Equal(new[] { "a1" }, await first);
        }

        [Fact]
        public async Task Graph_errors_keep_the_services_code_message_and_request_id()
        {
            var arm = new FakeArm(_clock).On(_ => true, _ => new FakeResponse(403,
                "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Missing role permissions on the request.\",\"innerError\":{\"date\":\"2026-01-05T09:00:00\",\"request-id\":\"5f1c\",\"client-request-id\":\"5f1c\"}}}"));
            ODataGateway graph = Gateway(arm, CloudService.MicrosoftGraph);

            var error = await Assert.ThrowsAsync<ServiceRequestException>(() => graph.GetAsync("v1.0/security/incidents/7", CustomerA, null, CancellationToken.None));

            Assert.Equal(403, error.Status);
            Assert.Equal("Forbidden", error.ErrorCode);
            Assert.Equal("Missing role permissions on the request.", error.Message);
            Assert.Equal("5f1c", error.RequestId);
            Assert.Equal(CustomerA, error.Scope?.TenantId);
            Assert.Equal(ScopeFailureKind.Forbidden, FailureMapper.ToFailure(CustomerA.ToString(), error).Kind);
        }

        [Fact]
        public void A_cloud_without_the_service_refuses_to_build_its_gateway()
        {
            var options = TestSupport.Options(time: _clock);
            options.Environment = CloudEnvironment.AzureChinaCloud;
            var transport = new ServiceTransport(options, new FakeArm(_clock));

            var e = Assert.Throws<CrossTenantException>(() => new ODataGateway(transport, FakeTenantCredential.Broker(options), CloudService.DefenderEndpoint));
            Assert.Equal("Environment.ServiceUnavailable", e.ErrorId);
        }

        internal static FakeResponse Page(IEnumerable<string> ids, string? nextLink)
        {
            string items = string.Join(",", ids.Select(id => $"{{\"id\":\"{id}\"}}"));
            string link = nextLink is null ? string.Empty : $",\"@odata.nextLink\":\"{nextLink}\"";
            return new FakeResponse(200, $"{{\"@odata.context\":\"{Graph}/v1.0/$metadata#x\",\"value\":[{items}]{link}}}");
        }

        internal static async Task<List<string>> ListIdsAsync(ODataGateway gateway, string path, Guid tenant)
        {
            var ids = new List<string>();
            await foreach (JsonElement item in gateway.ListAsync(path, tenant, null, CancellationToken.None)) ids.Add(item.GetProperty("id").GetString()!);
            return ids;
        }

        private ODataGateway Gateway(FakeArm arm, CloudService service, params Guid[] unconsented)
        {
            var transport = new ServiceTransport(TestSupport.Options(time: _clock), arm);
            return new ODataGateway(transport, FakeTenantCredential.Broker(transport.Options, unconsented), service);
        }
    }
}
