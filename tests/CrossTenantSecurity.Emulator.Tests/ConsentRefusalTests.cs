using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Authorization;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Identity;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>The sample plus four customers where Entra refuses the automation app, and RBAC for its service principal in Northwind.</summary>
    public sealed class RefusalEstateFixture : EmulatorFixture
    {
        public const string MissingServicePrincipal = "88888888-8888-4888-8888-888888888881";
        public const string ConditionalAccess = "88888888-8888-4888-8888-888888888882";
        public const string AppDisabled = "88888888-8888-4888-8888-888888888883";
        public const string ConsentRequired = "88888888-8888-4888-8888-888888888884";
        /// <summary>The automation app's service principal in Northwind, named by the scenario and given Reader on one subscription.</summary>
        public static readonly Guid NorthwindServicePrincipal = Guid.Parse("a0000000-0000-4000-8000-00000000e221");

        protected override EmulatorOptions Options()
        {
            Scenario scenario = ScenarioLoader.LoadSample();
            ScenarioPrincipal automation = scenario.Principals.Single(p => p.DisplayName == "contoso-posture-automation");
            foreach (var (tenant, refusal) in new[]
            {
                (MissingServicePrincipal, ConsentRefusal.MissingServicePrincipal), (ConditionalAccess, ConsentRefusal.ConditionalAccess),
                (AppDisabled, ConsentRefusal.AppDisabled), (ConsentRequired, ConsentRefusal.ConsentRequired),
            })
            {
                scenario.Tenants.Add(new ScenarioTenant { Id = Guid.Parse(tenant), DisplayName = $"Refusing {refusal}" });
                automation.Consents.Add(new ScenarioConsent { TenantId = Guid.Parse(tenant), Graph = new() { "SecurityAlert.Read.All" }, Refusal = refusal });
            }
            automation.Consents.Single(c => c.TenantId == Guid.Parse(Northwind)).ServicePrincipalObjectId = NorthwindServicePrincipal;
            scenario.RoleAssignments.Add(new ScenarioRoleAssignment
            {
                PrincipalId = NorthwindServicePrincipal, Scope = "/subscriptions/2b222222-0000-4000-8000-000000000001", RoleDefinitionId = BuiltInRoles.Reader.Id,
            });
            return new EmulatorOptions { Scenario = scenario, CertificateAuthority = PlatformTrust.ProcessAuthority };
        }
    }

    /// <summary>Each refusal state of a customer tenant answers with Entra's status, error, code and text, whatever the resource.</summary>
    public class ConsentRefusalTests : IClassFixture<RefusalEstateFixture>
    {
        private static readonly string App = EmulatorFixture.Automation.AppId;

        private readonly RefusalEstateFixture _emulator;

        public ConsentRefusalTests(RefusalEstateFixture emulator) => _emulator = emulator;

        public static TheoryData<string, string, int, string, int, string> Refusals()
        {
            var data = new TheoryData<string, string, int, string, int, string>();
            foreach (string scope in new[] { "https://graph.microsoft.com/.default", "https://management.azure.com/.default" })
            {
                data.Add(RefusalEstateFixture.MissingServicePrincipal, scope, 400, "invalid_client", 7000229,
                    $"The client application {App} is missing service principal in the tenant {RefusalEstateFixture.MissingServicePrincipal}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119");
                data.Add(RefusalEstateFixture.ConditionalAccess, scope, 400, "invalid_grant", 53003,
                    "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.");
                data.Add(RefusalEstateFixture.AppDisabled, scope, 400, "unauthorized_client", 7000112, $"Application '{App}'(contoso-posture-automation) is disabled.");
                data.Add(RefusalEstateFixture.ConsentRequired, scope, 400, "invalid_grant", 65001,
                    $"The user or administrator has not consented to use the application with ID '{App}' named 'contoso-posture-automation'. Send an interactive authorization request for this user and resource.");
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(Refusals))]
        public async Task A_refusing_tenant_answers_with_Entras_error(string tenant, string scope, int status, string error, int code, string text)
        {
            using HttpResponseMessage response = await _emulator.TokenResponseAsync(tenant, App, EmulatorFixture.Automation.Secret, scope);
            string description = await Jwt.AssertErrorAsync(response, status, error, code);
            Assert.Contains(text, description, StringComparison.Ordinal);
            Assert.Contains("Trace ID: ", description, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(RefusalEstateFixture.MissingServicePrincipal, 7000229)]
        [InlineData(RefusalEstateFixture.AppDisabled, 7000112)]
        public async Task The_client_is_looked_up_in_the_directory_before_its_secret_is_checked(string tenant, int code)
        {
            using HttpResponseMessage response = await _emulator.TokenResponseAsync(tenant, App, "not-the-secret", "https://graph.microsoft.com/.default");
            Assert.Equal(code, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error_codes"]![0]!.GetValue<int>());
        }

        [Fact]
        public async Task Conditional_Access_is_judged_after_the_secret()
        {
            using HttpResponseMessage response = await _emulator.TokenResponseAsync(RefusalEstateFixture.ConditionalAccess, App, "not-the-secret", "https://graph.microsoft.com/.default");
            await Jwt.AssertErrorAsync(response, 401, "invalid_client", 7000215);
        }

        [Fact]
        public async Task An_ARM_token_from_a_customer_tenant_reaches_what_RBAC_there_grants_its_service_principal()
        {
            using HttpResponseMessage response = await _emulator.TokenResponseAsync(EmulatorFixture.Northwind, App, EmulatorFixture.Automation.Secret, "https://management.azure.com/.default");
            string token = await Jwt.TokenOfAsync(response);
            Assert.Equal(RefusalEstateFixture.NorthwindServicePrincipal.ToString(), Jwt.Claims(token)["oid"]!.GetValue<string>());
            var subscriptions = await _emulator.ListAllAsync("subscriptions?api-version=2022-12-01", token);
            Assert.Equal(new[] { "Northwind Production" }, subscriptions.Select(s => s["displayName"]!.GetValue<string>()));
        }

        [Fact]
        public async Task Accepted_audiences_come_from_the_options_so_a_custom_cloud_can_move_a_service()
        {
            var options = new EmulatorOptions
            {
                CertificateAuthority = PlatformTrust.ProcessAuthority,
                Audiences = new TokenAudiences { Graph = new() { "https://graph.sovereign.test/" } },
            };
            await using EmulatorHost host = await EmulatorHost.StartAsync(options);
            using var http = new HttpClient { BaseAddress = host.BaseUrl };
            Task<HttpResponseMessage> TokenAsync(string scope) => http.PostAsync($"{EmulatorFixture.Northwind}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = App, ["client_secret"] = EmulatorFixture.Automation.Secret, ["scope"] = scope,
            }));

            using HttpResponseMessage moved = await TokenAsync("https://graph.sovereign.test/.default");
            JsonNode claims = await Jwt.ClaimsOfAsync(moved);
            Assert.Equal("https://graph.sovereign.test", claims["aud"]!.GetValue<string>());
            Assert.Contains("SecurityAlert.Read.All", Jwt.Roles(claims));

            using HttpResponseMessage publicGraph = await TokenAsync("https://graph.microsoft.com/.default");
            await Jwt.AssertErrorAsync(publicGraph, 400, "invalid_resource", 500011);
            using HttpResponseMessage defender = await TokenAsync("https://api.securitycenter.microsoft.com/.default");
            Assert.True(defender.IsSuccessStatusCode);
        }
    }
}
