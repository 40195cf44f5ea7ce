using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>The consent section of scenarios: the sample's, how files are read and checked, and the seeded mix of generated estates.</summary>
    public class ConsentScenarioTests
    {
        private static readonly Guid AutomationApp = Guid.Parse(EmulatorFixture.Automation.AppId);

        private static Scenario Parse(string json) => ScenarioLoader.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        private const string Minimal = """
            {
              "tenants": [ { "id": "11111111-1111-4111-8111-111111111111" }, { "id": "22222222-2222-4222-8222-222222222222" } ],
              "principals": [ { "tenantId": "11111111-1111-4111-8111-111111111111", "objectId": "a0000000-0000-4000-8000-0000000000b1",
                "appId": "c0000000-0000-4000-8000-0000000000c1", "secret": "s", "consents": [ CONSENTS ] } ]
            }
            """;

        [Fact]
        public void The_sample_consents_the_automation_app_in_four_customers_one_without_Defender_for_Endpoint()
        {
            Scenario sample = ScenarioLoader.LoadSample();
            ScenarioPrincipal automation = sample.Principals.Single(p => p.AppId == AutomationApp);
            Assert.Equal(new[] { EmulatorFixture.Northwind, EmulatorFixture.Tailspin, EmulatorFixture.Woodgrove, EmulatorFixture.Fabrikam },
                automation.Consents.Select(c => c.TenantId.ToString()));
            Assert.All(automation.Consents, c => Assert.Equal(ConsentRefusal.None, c.Refusal));
            Assert.All(automation.Consents, c => Assert.Equal(new[] { "SecurityIncident.Read.All", "SecurityAlert.Read.All", "ThreatHunting.Read.All" }, c.Graph));
            Assert.Null(automation.Consents.Single(c => c.TenantId == Guid.Parse(EmulatorFixture.Woodgrove)).DefenderEndpoint);
            Assert.Equal(3, automation.Consents.Count(c => c.DefenderEndpoint is { Count: 3 }));
            Assert.DoesNotContain(automation.Consents, c => c.TenantId == Guid.Parse(EmulatorFixture.AdventureWorks));
            Assert.All(sample.Principals.Where(p => p.AppId != AutomationApp), p => Assert.Empty(p.Consents));
        }

        [Fact]
        public void A_consent_entry_reads_permissions_per_resource_an_object_id_and_a_refusal_in_any_case()
        {
            Scenario scenario = ScenarioLoader.Validate(Parse(Minimal.Replace("CONSENTS", """
                { "tenantId": "22222222-2222-4222-8222-222222222222", "servicePrincipalObjectId": "a0000000-0000-4000-8000-0000000000e1",
                  "graph": [ "SecurityAlert.Read.All" ], "logAnalytics": [], "refusal": "conditionalAccess" }
                """, StringComparison.Ordinal)));
            ScenarioConsent consent = Assert.Single(scenario.Principals[0].Consents);
            Assert.Equal(Guid.Parse("a0000000-0000-4000-8000-0000000000e1"), consent.ServicePrincipalObjectId);
            Assert.Equal(new[] { "SecurityAlert.Read.All" }, consent.Graph);
            Assert.Empty(consent.LogAnalytics!);
            Assert.Null(consent.DefenderEndpoint);
            Assert.Equal(ConsentRefusal.ConditionalAccess, consent.Refusal);
        }

        [Theory]
        [InlineData("""{ "tenantId": "99999999-9999-4999-8999-999999999999" }""", "consent in unknown tenant")]
        [InlineData("""{ "tenantId": "22222222-2222-4222-8222-222222222222" }, { "tenantId": "22222222-2222-4222-8222-222222222222" }""", "more than one consent in tenant")]
        [InlineData("""{ "tenantId": "11111111-1111-4111-8111-111111111111", "refusal": "NotInstalled" }""", "cannot apply in the app's home tenant")]
        public void Impossible_consents_are_rejected(string consents, string message)
        {
            Scenario scenario = Parse(Minimal.Replace("CONSENTS", consents, StringComparison.Ordinal));
            var e = Assert.Throws<InvalidDataException>(() => ScenarioLoader.Validate(scenario));
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Consents_belong_to_applications()
        {
            Scenario scenario = ScenarioLoader.LoadSample();
            ScenarioPrincipal group = scenario.Principals.Single(p => p.Type == "Group");
            group.Consents.Add(new ScenarioConsent { TenantId = Guid.Parse(EmulatorFixture.Northwind) });
            var e = Assert.Throws<InvalidDataException>(() => ScenarioLoader.Validate(scenario));
            Assert.Contains("consents need an appId", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void S2_consents_nine_in_ten_customers_and_refuses_once_in_each_of_Entras_ways()
        {
            Scenario s2 = ScenarioLoader.Load("S2");
            ScenarioPrincipal automation = s2.Principals.Single(p => p.AppId == EstateGenerator.AutomationAppId);
            var customers = s2.Tenants.Where(t => t.Id != EstateGenerator.ManagingTenantId).Select(t => t.Id).ToList();
            Assert.Equal(50, customers.Count);
            Assert.Equal(49, automation.Consents.Count);                   // one never consented: no entry, AADSTS700016
            var full = automation.Consents.Where(c => c.Refusal == ConsentRefusal.None && c.DefenderEndpoint is not null).ToList();
            Assert.Equal(45, full.Count);
            Assert.All(full, c => Assert.Equal(new[] { "Data.Read" }, c.LogAnalytics));
            Assert.Single(automation.Consents, c => c.Refusal == ConsentRefusal.None && c.DefenderEndpoint is null && c.Graph is { Count: 3 });
            foreach (ConsentRefusal refusal in new[] { ConsentRefusal.MissingServicePrincipal, ConsentRefusal.ConditionalAccess, ConsentRefusal.AppDisabled })
                Assert.Single(automation.Consents, c => c.Refusal == refusal);
            Assert.All(automation.Consents, c => Assert.Contains(c.TenantId, customers));
        }

        [Fact]
        public void Generated_consents_are_the_same_for_a_seed_and_differ_between_seeds()
        {
            static string Pattern(string name)
            {
                Scenario s = ScenarioLoader.Load(name);
                var consents = s.Principals.Single(p => p.AppId == EstateGenerator.AutomationAppId).Consents.ToDictionary(c => c.TenantId);
                // Which customer (by position) gets which answer: comparable across seeds, whose tenant ids differ.
                return string.Join(",", s.Tenants.Skip(1).Select(t => consents.TryGetValue(t.Id, out ScenarioConsent? c)
                    ? $"{c.Refusal}:{c.DefenderEndpoint?.Count}" : "absent"));
            }
            Assert.Equal(Pattern("S2:seed=3"), Pattern("S2:seed=3"));
            Assert.Equal(JsonSerializer.Serialize(ScenarioLoader.Load("S1:seed=3")), JsonSerializer.Serialize(ScenarioLoader.Load("S1:seed=3")));
            Assert.NotEqual(Pattern("S2:seed=3"), Pattern("S2:seed=4"));
            Assert.Contains("absent", Pattern("S1"), StringComparison.Ordinal);    // even five customers have one refusal
        }

        [Fact]
        public async Task A_generated_estate_answers_per_tenant_as_its_consents_say()
        {
            Scenario scenario = ScenarioLoader.Load("generated:tenants=50,subscriptions=50,assessments=1,seed=9");
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { Scenario = scenario, CertificateAuthority = PlatformTrust.ProcessAuthority });
            using var http = new HttpClient { BaseAddress = host.BaseUrl };

            async Task<string> OutcomeAsync(Guid tenant, string resource)
            {
                using HttpResponseMessage response = await http.PostAsync($"{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials", ["client_id"] = EstateGenerator.AutomationAppId.ToString(),
                    ["client_secret"] = EstateGenerator.AutomationSecret, ["scope"] = resource + "/.default",
                }));
                JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                return response.IsSuccessStatusCode ? "token" : "AADSTS" + body["error_codes"]![0]!.GetValue<int>();
            }

            var graph = new List<string>();
            var defender = new List<string>();
            foreach (ScenarioTenant tenant in scenario.Tenants.Skip(1))
            {
                graph.Add(await OutcomeAsync(tenant.Id, "https://graph.microsoft.com"));
                defender.Add(await OutcomeAsync(tenant.Id, "https://api.securitycenter.microsoft.com"));
            }
            static string Tally(List<string> outcomes) => string.Join(" ", outcomes.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));
            Assert.Equal("AADSTS53003=1 AADSTS7000112=1 AADSTS700016=1 AADSTS7000229=1 token=46", Tally(graph));
            Assert.Equal("AADSTS53003=1 AADSTS65001=1 AADSTS7000112=1 AADSTS700016=1 AADSTS7000229=1 token=45", Tally(defender));
        }
    }
}
