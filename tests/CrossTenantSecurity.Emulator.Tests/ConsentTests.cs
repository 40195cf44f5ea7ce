using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Identity;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>
    /// The MSSP's multi-tenant app asking the emulator's Entra for tokens in customer tenants of the sample estate:
    /// Graph, Log Analytics and Defender for Endpoint tokens with the consented roles, and Entra's refusals.
    /// </summary>
    public class ConsentTests : IClassFixture<EmulatorFixture>
    {
        private const string Graph = "https://graph.microsoft.com";
        private const string Defender = "https://api.securitycenter.microsoft.com";
        private static readonly string[] GraphRoles = { "SecurityIncident.Read.All", "SecurityAlert.Read.All", "ThreatHunting.Read.All" };
        private static readonly string[] DefenderRoles = { "Machine.Read.All", "Vulnerability.Read.All", "Score.Read.All" };

        private readonly EmulatorFixture _emulator;

        public ConsentTests(EmulatorFixture emulator) => _emulator = emulator;

        private Task<HttpResponseMessage> AutomationTokenAsync(string tenant, string scope) =>
            _emulator.TokenResponseAsync(tenant, EmulatorFixture.Automation.AppId, EmulatorFixture.Automation.Secret, scope);

        [Theory]
        [InlineData(EmulatorFixture.Northwind, "https://graph.microsoft.com/.default", "https://graph.microsoft.com", "graph")]
        [InlineData(EmulatorFixture.Northwind, "https://graph.microsoft.com//.default", "https://graph.microsoft.com/", "graph")]
        [InlineData(EmulatorFixture.Northwind, "https://api.securitycenter.microsoft.com/.default", "https://api.securitycenter.microsoft.com", "defender")]
        [InlineData(EmulatorFixture.Northwind, "https://api.security.microsoft.com/.default", "https://api.security.microsoft.com", "defender")]
        [InlineData(EmulatorFixture.Northwind, "https://api.loganalytics.io/.default", "https://api.loganalytics.io", "logAnalytics")]
        [InlineData(EmulatorFixture.Tailspin, "https://api.loganalytics.azure.com/.default", "https://api.loganalytics.azure.com", "logAnalytics")]
        [InlineData(EmulatorFixture.Tailspin, "https://graph.microsoft.com/.default", "https://graph.microsoft.com", "graph")]
        [InlineData(EmulatorFixture.Woodgrove, "https://graph.microsoft.com/.default", "https://graph.microsoft.com", "graph")]
        [InlineData(EmulatorFixture.Fabrikam, "https://api.securitycenter.microsoft.com/.default", "https://api.securitycenter.microsoft.com", "defender")]
        public async Task A_consented_customer_tenant_issues_a_token_for_the_resource_with_the_consented_roles(string tenant, string scope, string audience, string roles)
        {
            using HttpResponseMessage response = await AutomationTokenAsync(tenant, scope);
            JsonNode claims = await Jwt.ClaimsOfAsync(response);
            Assert.Equal(audience, claims["aud"]!.GetValue<string>());
            Assert.Equal(tenant, claims["tid"]!.GetValue<string>());
            Assert.Equal(EmulatorFixture.Automation.AppId, claims["appid"]!.GetValue<string>());
            Assert.Equal("app", claims["idtyp"]!.GetValue<string>());
            Assert.Equal($"https://sts.windows.net/{tenant}/", claims["iss"]!.GetValue<string>());
            string[] expected = roles switch { "graph" => GraphRoles, "defender" => DefenderRoles, _ => new[] { "Data.Read" } };
            Assert.Equal(expected, Jwt.Roles(claims));
        }

        [Fact]
        public async Task The_oid_is_the_apps_service_principal_in_that_tenant_one_per_tenant_and_stable()
        {
            Guid app = Guid.Parse(EmulatorFixture.Automation.AppId);
            string[] oids = new string[2];
            string[] tenants = { EmulatorFixture.Northwind, EmulatorFixture.Fabrikam };
            for (int i = 0; i < tenants.Length; i++)
            {
                using HttpResponseMessage response = await AutomationTokenAsync(tenants[i], Graph + "/.default");
                oids[i] = (await Jwt.ClaimsOfAsync(response))["oid"]!.GetValue<string>();
                Assert.Equal(ConsentRegistry.DerivedObjectId(app, Guid.Parse(tenants[i])).ToString(), oids[i]);
            }
            Assert.NotEqual(oids[0], oids[1]);
            Assert.DoesNotContain("a0000000-0000-4000-8000-0000000000b1", oids);
        }

        [Theory]
        [InlineData("https://graph.microsoft.com/.default", "https://graph.microsoft.com")]
        [InlineData("https://api.securitycenter.microsoft.com/.default", "https://api.securitycenter.microsoft.com")]
        [InlineData("https://api.loganalytics.io/.default", "https://api.loganalytics.io")]
        [InlineData("https://management.azure.com/.default", "https://management.azure.com/")]
        public async Task The_home_tenant_issues_every_audience_to_the_principal_itself_without_roles(string scope, string audience)
        {
            using HttpResponseMessage response = await AutomationTokenAsync(EmulatorFixture.Msp, scope);
            JsonNode claims = await Jwt.ClaimsOfAsync(response);
            Assert.Equal(audience, claims["aud"]!.GetValue<string>());
            Assert.Equal(EmulatorFixture.Msp, claims["tid"]!.GetValue<string>());
            Assert.Equal("a0000000-0000-4000-8000-0000000000b1", claims["oid"]!.GetValue<string>());
            Assert.Null(claims["roles"]);
        }

        [Fact]
        public async Task A_home_tenant_ARM_token_is_what_it_was_and_still_lists_the_delegated_estate()
        {
            using HttpResponseMessage response = await _emulator.TokenResponseAsync(EmulatorFixture.Msp, EmulatorFixture.Automation.AppId, EmulatorFixture.Automation.Secret);
            JsonNode claims = await Jwt.ClaimsOfAsync(response);
            Assert.Equal(_emulator.Host.BaseUrl.AbsoluteUri, claims["aud"]!.GetValue<string>());
            Assert.Null(claims["roles"]);
            Assert.Equal(10, (await _emulator.ListAllAsync("subscriptions?api-version=2022-12-01", await _emulator.TokenAsync(EmulatorFixture.Automation))).Count);
        }

        [Theory]
        [InlineData(EmulatorFixture.AdventureWorks)]
        [InlineData(EmulatorFixture.Litware)]
        public async Task A_tenant_without_consent_answers_AADSTS700016_for_every_resource(string tenant)
        {
            foreach (string scope in new[] { Graph + "/.default", Defender + "/.default", "https://management.azure.com/.default" })
            {
                using HttpResponseMessage response = await AutomationTokenAsync(tenant, scope);
                string description = await Jwt.AssertErrorAsync(response, 400, "unauthorized_client", 700016);
                Assert.Contains($"Application with identifier '{EmulatorFixture.Automation.AppId}' was not found in the directory '{tenant}'. " +
                    "This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. " +
                    "You may have sent your authentication request to the wrong tenant.", description, StringComparison.Ordinal);
            }
        }

        [Fact]
        public async Task A_resource_the_tenant_did_not_consent_to_answers_AADSTS65001_while_the_consented_one_works()
        {
            using HttpResponseMessage defender = await AutomationTokenAsync(EmulatorFixture.Woodgrove, Defender + "/.default");
            string description = await Jwt.AssertErrorAsync(defender, 400, "invalid_grant", 65001);
            Assert.Contains($"The user or administrator has not consented to use the application with ID '{EmulatorFixture.Automation.AppId}' named 'contoso-posture-automation'. " +
                "Send an interactive authorization request for this user and resource.", description, StringComparison.Ordinal);

            using HttpResponseMessage logs = await AutomationTokenAsync(EmulatorFixture.Fabrikam, "https://api.loganalytics.io/.default");
            await Jwt.AssertErrorAsync(logs, 400, "invalid_grant", 65001);

            using HttpResponseMessage graph = await AutomationTokenAsync(EmulatorFixture.Woodgrove, Graph + "/.default");
            Assert.Equal(GraphRoles, Jwt.Roles(await Jwt.ClaimsOfAsync(graph)));
        }

        [Fact]
        public async Task The_secret_is_the_home_registrations_and_is_checked_in_every_tenant()
        {
            using HttpResponseMessage wrong = await _emulator.TokenResponseAsync(EmulatorFixture.Northwind, EmulatorFixture.Automation.AppId, "not-the-secret", Graph + "/.default");
            await Jwt.AssertErrorAsync(wrong, 401, "invalid_client", 7000215);
        }

        [Theory]
        [InlineData(EmulatorFixture.Msp)]
        [InlineData(EmulatorFixture.Northwind)]
        public async Task An_unknown_resource_still_answers_AADSTS500011(string tenant)
        {
            using HttpResponseMessage response = await AutomationTokenAsync(tenant, "https://vault.azure.net/.default");
            string description = await Jwt.AssertErrorAsync(response, 400, "invalid_resource", 500011);
            Assert.Contains("https://vault.azure.net", description, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_unknown_tenant_still_answers_AADSTS90002()
        {
            using HttpResponseMessage response = await AutomationTokenAsync("99999999-9999-4999-8999-999999999999", Graph + "/.default");
            await Jwt.AssertErrorAsync(response, 400, "invalid_request", 90002);
        }

        [Fact]
        public async Task A_Graph_token_sent_to_ARM_is_refused_for_its_audience()
        {
            using HttpResponseMessage response = await AutomationTokenAsync(EmulatorFixture.Msp, Graph + "/.default");
            string token = await Jwt.TokenOfAsync(response);
            var (status, body, reply) = await _emulator.GetAsync("subscriptions?api-version=2022-12-01", token);
            Assert.Equal(401, status);
            Assert.Equal("InvalidAuthenticationTokenAudience", body!["error"]!["code"]!.GetValue<string>());
            Assert.Contains("Bearer", reply.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

            using HttpResponseMessage customer = await AutomationTokenAsync(EmulatorFixture.Northwind, Defender + "/.default");
            string defender = await Jwt.TokenOfAsync(customer);
            (status, body, _) = await _emulator.GetAsync("subscriptions?api-version=2022-12-01", defender);
            Assert.Equal(401, status);
            Assert.Equal("InvalidAuthenticationTokenAudience", body!["error"]!["code"]!.GetValue<string>());
        }

        [Fact]
        public async Task An_ARM_token_in_a_consented_customer_tenant_reaches_only_what_RBAC_grants_its_service_principal_there()
        {
            using HttpResponseMessage response = await AutomationTokenAsync(EmulatorFixture.Woodgrove, "https://management.azure.com/.default");
            string token = await Jwt.TokenOfAsync(response);
            JsonNode claims = Jwt.Claims(token);
            Assert.Equal(EmulatorFixture.Woodgrove, claims["tid"]!.GetValue<string>());
            Assert.Equal("https://management.azure.com/", claims["aud"]!.GetValue<string>());
            Assert.Null(claims["roles"]);
            // No role assignment names the service principal in Woodgrove, and Lighthouse works from the managing tenant only.
            Assert.Empty(await _emulator.ListAllAsync("subscriptions?api-version=2022-12-01", token));
        }
    }
}
