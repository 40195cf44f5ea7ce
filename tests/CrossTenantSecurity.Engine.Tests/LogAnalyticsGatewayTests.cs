using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Session;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The Log Analytics query API over the session transport: the POST it sends, the tables it reads, the errors it raises.</summary>
    public class LogAnalyticsGatewayTests
    {
        private static readonly Guid Workspace = Guid.Parse("63613592-b6f7-4c3d-a390-22ba13102111");
        private static readonly string QueryPath = $"/v1/workspaces/{Workspace}/query";

        [Fact]
        public async Task A_query_is_one_POST_with_query_and_timespan_under_the_managing_tenants_token()
        {
            JsonNode example = TestSupport.Example("Microsoft.OperationalInsights/Query_CrossWorkspace.json");
            var arm = new FakeArm().OnPost(QueryPath, _ => new FakeResponse(200, example.ToJsonString()));
            LogAnalyticsGateway logs = Gateway(arm);

            await logs.QueryAsync(Workspace, "SecurityIncident | take 5", TimeSpan.FromDays(7), TimeSpan.FromMinutes(5), null, CancellationToken.None);

            FakeCall call = Assert.Single(arm.Calls);
            Assert.Equal("POST", call.Method);
            Assert.Equal("https://logs.example.test" + QueryPath, call.Uri.GetLeftPart(UriPartial.Path));
            JsonNode body = JsonNode.Parse(call.Body)!;
            Assert.Equal("SecurityIncident | take 5", (string?)body["query"]);
            Assert.Equal("P7D", (string?)body["timespan"]);
            Assert.Equal("wait=300", call.Prefer);
            Assert.Equal(TestSupport.Msp, TokenClaims.TryRead(call.Authorization!.Substring("Bearer ".Length))?.TenantId);
        }

        [Fact]
        public async Task Tables_are_read_with_their_columns_and_typed_rows()
        {
            JsonNode example = TestSupport.Example("Microsoft.OperationalInsights/Query_CrossWorkspace.json");
            var arm = new FakeArm().OnPost(QueryPath, _ => new FakeResponse(200, example.ToJsonString()));

            LogAnalyticsResult result = await Gateway(arm).QueryAsync(Workspace, "union * | summarize count() by Type, TenantId", null, null, null, CancellationToken.None);

            LogAnalyticsTable table = Assert.Single(result.Tables);
            Assert.Equal("PrimaryResult", table.Name);
            Assert.Equal(new[] { ("Type", "string"), ("TenantId", "string"), ("count_", "long") }, table.Columns.Select(c => (c.Name, c.Type)));
            Assert.Equal(6, table.Rows.Count);
            Assert.Equal(new object?[] { "Operation", "63613592-b6f7-4c3d-a390-22ba13102111", 7L }, table.Rows[4]); // the example sends its longs as strings
            Assert.Null(result.PartialError);
            Assert.Null(Assert.Single(arm.Calls).Prefer); // no server timeout asked: the service's default
        }

        [Fact]
        public void Kusto_types_become_dotnet_values_and_what_does_not_parse_stays_text()
        {
            JsonNode row = JsonNode.Parse("[\"2026-01-05T09:00:00Z\", 3.5, true, \"8f70baf1-1f6e-46a2-a1ff-238dac1ebfb7\", \"00:05:00\", {\"a\":1}, null, \"not a date\"]")!;
            string[] types = { "datetime", "real", "bool", "guid", "timespan", "dynamic", "string", "datetime" };
            using var document = System.Text.Json.JsonDocument.Parse(row.ToJsonString());
            object?[] values = document.RootElement.EnumerateArray().Select((v, i) => LogAnalyticsValue.Read(v, types[i])).ToArray();

            Assert.Equal(new object?[]
            {
                new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), 3.5, true, TestSupport.Msp, TimeSpan.FromMinutes(5), "{\"a\":1}", null, "not a date",
            }, values);
        }

        [Fact]
        public async Task An_error_names_the_innermost_reason_and_maps_to_a_typed_failure()
        {
            const string error = "{\"error\":{\"message\":\"The request had some invalid properties\",\"code\":\"BadArgumentError\",\"correlationId\":\"c1\"," +
                "\"innererror\":{\"code\":\"SemanticError\",\"message\":\"A semantic error occurred.\",\"innererror\":{\"code\":\"SEM0100\"," +
                "\"message\":\"'take' operator: Failed to resolve table or column expression named 'SecurityIncidnt'\"}}}}";
            var arm = new FakeArm().OnPost(QueryPath, _ => new FakeResponse(400, error, ("x-ms-request-id", "req-9")));

            var e = await Assert.ThrowsAsync<ServiceRequestException>(() =>
                Gateway(arm).QueryAsync(Workspace, "SecurityIncidnt | take 5", null, null, null, CancellationToken.None));

            Assert.Equal(400, e.Status);
            Assert.Equal("BadArgumentError", e.ErrorCode);
            Assert.StartsWith("The request had some invalid properties (SEM0100: ", e.Message, StringComparison.Ordinal);
            Assert.Contains("SecurityIncidnt", e.Message, StringComparison.Ordinal);
            Assert.Equal("req-9", e.RequestId);
            Assert.Equal(RequestScopeKind.Workspace, e.Scope?.Kind);
            Assert.Equal(ScopeFailureKind.BadRequest, FailureMapper.ToFailure(Workspace.ToString(), e).Kind);
        }

        [Fact]
        public async Task A_query_that_ran_out_of_server_time_is_not_sent_again()
        {
            var arm = new FakeArm().OnPost(QueryPath, _ => new FakeResponse(504, "{\"error\":{\"code\":\"GatewayTimeout\",\"message\":\"timed out\"}}"));

            var e = await Assert.ThrowsAsync<ServiceRequestException>(() => Gateway(arm).QueryAsync(Workspace, "x", null, null, null, CancellationToken.None));

            Assert.Equal(504, e.Status);
            Assert.Single(arm.Calls);
        }

        [Fact]
        public async Task A_server_timeout_beyond_ten_minutes_is_refused_before_sending()
        {
            var arm = new FakeArm();
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
                Gateway(arm).QueryAsync(Workspace, "x", null, TimeSpan.FromMinutes(11), null, CancellationToken.None));
            Assert.Empty(arm.Calls);
        }

        private static LogAnalyticsGateway Gateway(FakeArm arm)
        {
            var transport = new ServiceTransport(TestSupport.Options(), arm);
            return new LogAnalyticsGateway(transport, FakeTenantCredential.Broker(transport.Options));
        }
    }
}
