using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>Resource Graph over the sample estate agrees with the REST endpoints and honours Lighthouse scopes.</summary>
    public class ResourceGraphEstateTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public ResourceGraphEstateTests(EmulatorFixture emulator) => _emulator = emulator;

        private async Task<JsonNode> QueryAsync((string, string, string) principal, string query, string? subscriptions = null)
        {
            string body = "{\"query\":" + JsonValue.Create(query)!.ToJsonString() + (subscriptions is null ? "" : ",\"subscriptions\":" + subscriptions) + ",\"options\":{\"$top\":1000}}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", await _emulator.TokenAsync(principal));
            using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            return JsonNode.Parse(text)!;
        }

        [Fact]
        public async Task Secure_scores_from_Resource_Graph_equal_the_REST_values_and_carry_the_customer_tenant()
        {
            JsonNode result = await QueryAsync(EmulatorFixture.Automation,
                "securityresources | where type == 'microsoft.security/securescores' | project id, tenantId, subscriptionId, current = todouble(properties.score.current), maxScore = todouble(properties.score.max)");
            var rows = result["data"]!.AsArray();
            // Own 2 + Northwind 2 (Legacy has no score) + Tailspin 2 (Analytics not registered); Woodgrove is resource-group only.
            Assert.Equal(6, rows.Count);
            string token = await _emulator.TokenAsync(EmulatorFixture.Automation);
            foreach (JsonNode? row in rows)
            {
                var (_, rest, _) = await _emulator.GetAsync($"subscriptions/{row!["subscriptionId"]!.GetValue<string>()}/providers/Microsoft.Security/secureScores/ascScore?api-version=2020-01-01", token);
                Assert.Equal(rest!["properties"]!["score"]!["current"]!.GetValue<double>(), row["current"]!.GetValue<double>());
            }
            Assert.Contains(rows, r => r!["tenantId"]!.GetValue<string>() == EmulatorFixture.Northwind);
        }

        [Fact]
        public async Task A_resource_group_delegation_sees_only_its_groups_rows()
        {
            JsonNode result = await QueryAsync(EmulatorFixture.Automation,
                "securityresources | where subscriptionId == '4d444444-0000-4000-8000-000000000001' | summarize count() by type, resourceGroup");
            var groups = result["data"]!.AsArray().Select(r => r!["resourceGroup"]!.GetValue<string>()).Distinct().ToList();
            Assert.Equal(new[] { "rg-security" }, groups);
        }

        [Fact]
        public async Task Another_customers_rows_are_never_returned()
        {
            JsonNode result = await QueryAsync(EmulatorFixture.Reporting, "securityresources | summarize count() by tenantId");
            Assert.All(result["data"]!.AsArray(), r => Assert.Equal(EmulatorFixture.Northwind, r!["tenantId"]!.GetValue<string>()));
            JsonNode explicitScope = await QueryAsync(EmulatorFixture.Reporting, "securityresources | project id", "[\"3c333333-0000-4000-8000-000000000001\"]");
            Assert.Empty(explicitScope["data"]!.AsArray());
        }
    }
}
