using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>Reads need a role that includes them, writes need Security Admin or Contributor, and scopes do not leak.</summary>
    public class SecurityAuthorizationTests : IClassFixture<EmulatorFixture>
    {
        private const string NorthwindProduction = "2b222222-0000-4000-8000-000000000001";
        private const string NorthwindLegacy = "2b222222-0000-4000-8000-000000000003";
        private const string TailspinRetail = "3c333333-0000-4000-8000-000000000001";
        private const string TailspinShared = "3c333333-0000-4000-8000-000000000003";
        private const string TailspinSandbox = "3c333333-0000-4000-8000-000000000004";
        private const string WoodgrovePayments = "4d444444-0000-4000-8000-000000000001";
        private readonly EmulatorFixture _emulator;

        public SecurityAuthorizationTests(EmulatorFixture emulator) => _emulator = emulator;

        private async Task<(int Status, string? Code)> Get((string, string, string) principal, string path)
        {
            var (status, body, _) = await _emulator.GetAsync(path, await _emulator.TokenAsync(principal));
            return (status, body?["error"]?["code"]?.GetValue<string>());
        }

        private async Task<(int Status, string? Code)> Send((string, string, string) principal, HttpMethod method, string path, string? json = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await _emulator.TokenAsync(principal));
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)?["error"]?["code"]?.GetValue<string>() : null);
        }

        [Fact]
        public async Task A_resource_group_delegation_reads_its_groups_but_not_subscription_level_data()
        {
            Assert.Equal((403, "AuthorizationFailed"), await Get(EmulatorFixture.Automation, $"subscriptions/{WoodgrovePayments}/providers/Microsoft.Security/secureScores?api-version=2020-01-01"));
            Assert.Equal((403, "AuthorizationFailed"), await Get(EmulatorFixture.Automation, $"subscriptions/{WoodgrovePayments}/providers/Microsoft.Security/alerts?api-version=2022-01-01"));
            Assert.Equal(200, (await Get(EmulatorFixture.Automation, $"subscriptions/{WoodgrovePayments}/resourceGroups/rg-security/providers/Microsoft.Security/alerts?api-version=2022-01-01")).Status);
            Assert.Equal((403, "AuthorizationFailed"), await Get(EmulatorFixture.Automation, $"subscriptions/{WoodgrovePayments}/resourceGroups/rg-payments-app/providers/Microsoft.Security/alerts?api-version=2022-01-01"));
        }

        [Fact]
        public async Task A_token_never_reads_a_subscription_its_tenant_does_not_manage()
        {
            Assert.Equal((401, "InvalidAuthenticationTokenTenant"), await Get(EmulatorFixture.Automation, $"subscriptions/{TailspinSandbox}/providers/Microsoft.Security/secureScores?api-version=2020-01-01"));
            Assert.Equal((401, "InvalidAuthenticationTokenTenant"), await Get(EmulatorFixture.LitwareOperator, $"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/alerts?api-version=2022-01-01"));
        }

        [Fact]
        public async Task A_principal_of_the_managing_tenant_without_an_authorization_is_forbidden()
        {
            Assert.Equal((403, "AuthorizationFailed"), await Get(EmulatorFixture.Reporting, $"subscriptions/{TailspinRetail}/providers/Microsoft.Security/secureScores?api-version=2020-01-01"));
            Assert.Equal(200, (await Get(EmulatorFixture.Reporting, $"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/secureScores?api-version=2020-01-01")).Status);
        }

        [Fact]
        public async Task Alert_state_changes_need_a_role_that_allows_them_and_really_change_the_state()
        {
            string readerToken = await _emulator.TokenAsync(EmulatorFixture.Automation);
            var alerts = await _emulator.ListAllAsync($"subscriptions/{TailspinRetail}/providers/Microsoft.Security/alerts?api-version=2022-01-01", readerToken);
            string id = alerts[0]["id"]!.GetValue<string>();
            // The automation principal is only a Reader on Tailspin.
            Assert.Equal((403, "AuthorizationFailed"), await Send(EmulatorFixture.Automation, HttpMethod.Post, $"{id.TrimStart('/')}/dismiss?api-version=2022-01-01"));

            // On Northwind it is Security Admin.
            var northwind = await _emulator.ListAllAsync($"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/alerts?api-version=2022-01-01", readerToken);
            string alertId = northwind[0]["id"]!.GetValue<string>();
            Assert.Equal((204, null), await Send(EmulatorFixture.Automation, HttpMethod.Post, $"{alertId.TrimStart('/')}/resolve?api-version=2022-01-01"));
            var (_, after, _) = await _emulator.GetAsync($"{alertId.TrimStart('/')}?api-version=2022-01-01", readerToken);
            Assert.Equal("Resolved", after!["properties"]!["status"]!.GetValue<string>());
            Assert.Equal((204, null), await Send(EmulatorFixture.Automation, HttpMethod.Post, $"{alertId.TrimStart('/')}/activate?api-version=2022-01-01"));
            (_, after, _) = await _emulator.GetAsync($"{alertId.TrimStart('/')}?api-version=2022-01-01", readerToken);
            Assert.Equal("Active", after!["properties"]!["status"]!.GetValue<string>());
        }

        [Fact]
        public async Task Pricing_writes_need_Security_Admin_or_Contributor_and_disabled_subscriptions_are_read_only()
        {
            const string body = "{\"properties\":{\"pricingTier\":\"Standard\",\"subPlan\":\"P1\"}}";
            Assert.Equal((403, "AuthorizationFailed"), await Send(EmulatorFixture.Reporting, HttpMethod.Put, $"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/pricings/VirtualMachines?api-version=2024-01-01", body));
            Assert.Equal((409, "ReadOnlyDisabledSubscription"), await Send(EmulatorFixture.Automation, HttpMethod.Put, $"subscriptions/{NorthwindLegacy}/providers/Microsoft.Security/pricings/VirtualMachines?api-version=2024-01-01", body));

            Assert.Equal(200, (await Send(EmulatorFixture.LitwareOperator, HttpMethod.Put, $"subscriptions/{TailspinShared}/providers/Microsoft.Security/pricings/SqlServers?api-version=2024-01-01", "{\"properties\":{\"pricingTier\":\"Standard\"}}")).Status);
            var (_, pricing, _) = await _emulator.GetAsync($"subscriptions/{TailspinShared}/providers/Microsoft.Security/pricings/SqlServers?api-version=2024-01-01", await _emulator.TokenAsync(EmulatorFixture.Automation));
            Assert.Equal("Standard", pricing!["properties"]!["pricingTier"]!.GetValue<string>());
            Assert.Equal((400, "PricingDeprecated"), await Send(EmulatorFixture.LitwareOperator, HttpMethod.Put, $"subscriptions/{TailspinShared}/providers/Microsoft.Security/pricings/KubernetesService?api-version=2024-01-01", "{\"properties\":{\"pricingTier\":\"Standard\"}}"));
        }

        [Fact]
        public async Task Security_Reader_cannot_read_Lighthouse_assignments_but_Reader_can()
        {
            // On Northwind the SOC group has Security Reader and Reader; the reporting principal only Reader.
            Assert.Equal(200, (await Get(EmulatorFixture.Reporting, $"subscriptions/{NorthwindProduction}/providers/Microsoft.ManagedServices/registrationAssignments?api-version=2022-10-01")).Status);
            Assert.Equal(200, (await Get(EmulatorFixture.Reporting, $"subscriptions/{NorthwindProduction}/resourcegroups?api-version=2021-04-01")).Status);
        }

        [Fact]
        public async Task Unknown_resource_types_and_methods_are_refused_like_ARM()
        {
            Assert.Equal((400, "InvalidResourceType"), await Get(EmulatorFixture.Automation, $"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/noSuchThing?api-version=2020-01-01"));
            Assert.Equal((400, "MissingApiVersionParameter"), await Get(EmulatorFixture.Automation, $"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/secureScores"));
            Assert.Equal((404, "SubscriptionNotFound"), await Get(EmulatorFixture.Automation, "subscriptions/99999999-9999-4999-8999-999999999999/providers/Microsoft.Security/secureScores?api-version=2020-01-01"));
        }
    }
}
