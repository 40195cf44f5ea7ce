using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.LogAnalytics;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>The data collection endpoint (Logs Ingestion) and the workspace query API over what it stored.</summary>
    public class LogAnalyticsEndpointTests : IClassFixture<EmulatorFixture>
    {
        private const string Monitor = "https://monitor.azure.com/.default";
        private const string LogAnalytics = "https://api.loganalytics.io/.default";
        private static readonly string StreamPath = $"dataCollectionRules/{LogAnalyticsOptions.DefaultRuleId}/streams/Custom-CtPostureHistory?api-version=2023-01-01";
        private static readonly string QueryPath = $"v1/workspaces/{LogAnalyticsOptions.DefaultWorkspaceId}/query";
        private readonly EmulatorFixture _emulator;

        public LogAnalyticsEndpointTests(EmulatorFixture emulator) => _emulator = emulator;

        private async Task<string> TokenAsync((string Tenant, string AppId, string Secret) principal, string scope)
        {
            using HttpResponseMessage response = await _emulator.TokenResponseAsync(principal.Tenant, principal.AppId, principal.Secret, scope);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        }

        private async Task<(int Status, JsonNode? Body)> PostAsync(string path, string token, string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }

        private static string Rows(string snapshotId, params (string Tenant, double? Score, string? Time)[] rows) =>
            new JsonArray(rows.Select(r =>
            {
                var row = new JsonObject { ["SnapshotId"] = snapshotId, ["RowKind"] = "Tenant", ["TenantId"] = r.Tenant, ["TenantName"] = "T " + r.Tenant.Substring(0, 4), ["SecureScore"] = r.Score, ["UnhealthyHigh"] = 2 };
                if (r.Time is not null) row["TimeGenerated"] = r.Time;
                return (JsonNode)row;
            }).ToArray()).ToJsonString();

        [Fact]
        public async Task Rows_sent_to_the_stream_are_read_back_by_KQL_from_the_workspace()
        {
            string run = Guid.NewGuid().ToString();
            string ingest = await TokenAsync(EmulatorFixture.Automation, Monitor);
            var sent = await PostAsync(StreamPath, ingest, Rows(run, (EmulatorFixture.Northwind, 61.5, "2026-03-01T06:00:00Z"), (EmulatorFixture.Tailspin, null, "2026-03-01T06:00:00Z"), (EmulatorFixture.Woodgrove, 70, null)));
            Assert.Equal(204, sent.Status);

            string query = await TokenAsync(EmulatorFixture.Automation, LogAnalytics);
            var answer = await PostAsync(QueryPath, query, new JsonObject
            {
                ["query"] = $"CtPostureHistory_CL | where SnapshotId == \"{run}\" and TenantId in~ (\"{EmulatorFixture.Northwind}\", \"{EmulatorFixture.Tailspin.ToUpperInvariant()}\", \"{EmulatorFixture.Woodgrove}\") | distinct SnapshotId, TimeGenerated, TenantId, SecureScore, UnhealthyHigh | order by TenantId asc",
            }.ToJsonString());

            Assert.Equal(200, answer.Status);
            JsonNode table = answer.Body!["tables"]![0]!;
            Assert.Equal("PrimaryResult", (string?)table["name"]);
            Assert.Equal(new[] { "SnapshotId:string", "TimeGenerated:datetime", "TenantId:string", "SecureScore:real", "UnhealthyHigh:long" },
                table["columns"]!.AsArray().Select(c => $"{c!["name"]}:{c["type"]}"));
            JsonArray rows = table["rows"]!.AsArray();
            Assert.Equal(3, rows.Count);
            Assert.Equal(new object?[] { run, "2026-03-01T06:00:00.0000000Z", EmulatorFixture.Northwind, 61.5, 2L },
                rows[0]!.AsArray().Select(v => v is null ? null : v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (v.AsValue().TryGetValue(out long l) ? l : (object)v.GetValue<double>()) : v.GetValue<string>()));
            Assert.Null(rows[1]![3]); // Tailspin was not scored
            Assert.NotNull(rows[2]![1]); // Woodgrove's row had no TimeGenerated: the service stamps the arrival time
        }

        [Fact]
        public async Task An_upload_needs_a_Monitor_token_from_the_rules_tenant()
        {
            string armToken = await _emulator.TokenAsync(EmulatorFixture.Automation);
            var wrongAudience = await PostAsync(StreamPath, armToken, "[]");
            Assert.Equal(401, wrongAudience.Status);
            Assert.Equal("InvalidAuthenticationTokenAudience", (string?)wrongAudience.Body!["error"]!["code"]);

            string customer = await TokenAsync(EmulatorFixture.TailspinAdmin, Monitor);
            var otherTenant = await PostAsync(StreamPath, customer, "[]");
            Assert.Equal(403, otherTenant.Status);
            Assert.Equal("OperationFailed", (string?)otherTenant.Body!["error"]!["code"]);
        }

        [Theory]
        [InlineData("{\"SnapshotId\":\"x\"}", 400, "InvalidContent")]
        [InlineData("[1, 2]", 400, "InvalidContent")]
        [InlineData("not json", 400, "InvalidContent")]
        public async Task A_body_that_is_not_a_JSON_array_of_objects_is_400(string body, int status, string code)
        {
            var answer = await PostAsync(StreamPath, await TokenAsync(EmulatorFixture.Automation, Monitor), body);
            Assert.Equal(status, answer.Status);
            Assert.Equal(code, (string?)answer.Body!["error"]!["code"]);
        }

        [Fact]
        public async Task A_body_over_1_MB_is_413()
        {
            string big = "[{\"SnapshotId\":\"" + new string('x', 1024 * 1024) + "\"}]";
            var answer = await PostAsync(StreamPath, await TokenAsync(EmulatorFixture.Automation, Monitor), big);
            Assert.Equal(413, answer.Status);
            Assert.Equal("ContentLengthLimitExceeded", (string?)answer.Body!["error"]!["code"]);
        }

        [Theory]
        [InlineData("dataCollectionRules/dcr-ffffffffffffffffffffffffffffffff/streams/Custom-CtPostureHistory?api-version=2023-01-01", "NotFound")]
        [InlineData("dataCollectionRules/dcr-00000000000000000000000000000000/streams/Custom-Other?api-version=2023-01-01", "InvalidStream")]
        public async Task An_unknown_rule_or_stream_is_404(string path, string code)
        {
            var answer = await PostAsync(path, await TokenAsync(EmulatorFixture.Automation, Monitor), "[]");
            Assert.Equal(404, answer.Status);
            Assert.Equal(code, (string?)answer.Body!["error"]!["code"]);
        }

        [Fact]
        public async Task Query_errors_have_the_services_shape()
        {
            string token = await TokenAsync(EmulatorFixture.Automation, LogAnalytics);
            var unknownTable = await PostAsync(QueryPath, token, "{\"query\":\"CtPostureHistory | take 1\"}");
            Assert.Equal(400, unknownTable.Status);
            Assert.Equal("BadArgumentError", (string?)unknownTable.Body!["error"]!["code"]);
            Assert.Equal("SEM0100", (string?)unknownTable.Body!["error"]!["innererror"]!["code"]);

            var unknownWorkspace = await PostAsync($"v1/workspaces/{Guid.NewGuid()}/query", token, "{\"query\":\"CtPostureHistory_CL\"}");
            Assert.Equal(404, unknownWorkspace.Status);
            Assert.Equal("WorkspaceNotFoundError", (string?)unknownWorkspace.Body!["error"]!["code"]);

            var wrongAudience = await PostAsync(QueryPath, await TokenAsync(EmulatorFixture.Automation, Monitor), "{\"query\":\"CtPostureHistory_CL\"}");
            Assert.Equal(401, wrongAudience.Status);
        }
    }
}
