using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>Microsoft.Security and ManagedServices answer in the official shapes, with Azure's quirks.</summary>
    public class SecurityContractTests : IClassFixture<EmulatorFixture>
    {
        private const string NorthwindProduction = "2b222222-0000-4000-8000-000000000001";
        private const string NorthwindLegacy = "2b222222-0000-4000-8000-000000000003";
        private const string TailspinRetail = "3c333333-0000-4000-8000-000000000001";
        private const string TailspinAnalytics = "3c333333-0000-4000-8000-000000000002";
        private readonly EmulatorFixture _emulator;

        public SecurityContractTests(EmulatorFixture emulator) => _emulator = emulator;

        private Task<string> Token() => _emulator.TokenAsync(EmulatorFixture.Automation);

        [Fact]
        public async Task Secure_score_has_the_official_shape_a_0_to_1_percentage_and_adds_up_from_its_controls()
        {
            string token = await Token();
            var scores = await _emulator.ListAllAsync($"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/secureScores?api-version=2020-01-01", token);
            JsonNode score = Assert.Single(scores);
            Shape.AssertMatches(EmulatorFixture.Example("Microsoft.Security/SecureScores_List.json")["value"]![0]!, score);
            double current = score["properties"]!["score"]!["current"]!.GetValue<double>();
            int max = score["properties"]!["score"]!["max"]!.GetValue<int>();
            double percentage = score["properties"]!["score"]!["percentage"]!.GetValue<double>();
            Assert.InRange(percentage, 0, 1);
            Assert.Equal(Math.Round(current / max, 4), percentage);

            var controls = await _emulator.ListAllAsync($"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/secureScoreControls?api-version=2020-01-01&$expand=definition", token);
            var scored = controls.Where(c => c["properties"]!["score"]!["max"]!.GetValue<int>() > 0 &&
                c["properties"]!["healthyResourceCount"]!.GetValue<int>() + c["properties"]!["unhealthyResourceCount"]!.GetValue<int>() > 0).ToList();
            Assert.Equal(max, scored.Sum(c => c["properties"]!["score"]!["max"]!.GetValue<int>()));
            Assert.Equal(current, Math.Round(scored.Sum(c => c["properties"]!["score"]!["current"]!.GetValue<double>()), 2), 2);
            Assert.All(controls, c => Assert.NotNull(c["properties"]!["definition"]!["properties"]!["assessmentDefinitions"]));
        }

        [Fact]
        public async Task Assessments_page_carry_the_official_shape_and_expand_metadata_with_severity()
        {
            string token = await Token();
            var (status, first, _) = await _emulator.GetAsync($"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/assessments?api-version=2021-06-01&$expand=metadata", token);
            Assert.Equal(200, status);
            Assert.Equal(25, first!["value"]!.AsArray().Count);
            Assert.NotNull(first["nextLink"]);

            var all = await _emulator.ListAllAsync($"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/assessments?api-version=2021-06-01&$expand=metadata", token);
            JsonNode example = EmulatorFixture.Example("Microsoft.Security/Assessments_List.json")["value"]!;
            Shape.AssertMatches(example[0]!, all.First(a => a["properties"]!["status"]!["code"]!.GetValue<string>() == "Healthy"));
            Shape.AssertMatches(example[1]!, all.First(a => a["properties"]!["status"]!["code"]!.GetValue<string>() == "NotApplicable"));
            Assert.All(all, a => Assert.Contains(a["properties"]!["metadata"]!["severity"]!.GetValue<string>(), new[] { "Low", "Medium", "High" }));
            Assert.Contains(all, a => a["properties"]!["status"]!["code"]!.GetValue<string>() == "Unhealthy");
        }

        [Fact]
        public async Task Alerts_have_the_official_shape_and_their_location_is_in_the_id()
        {
            string token = await Token();
            var alerts = await _emulator.ListAllAsync($"subscriptions/{TailspinRetail}/providers/Microsoft.Security/alerts?api-version=2022-01-01", token);
            Assert.Equal(5, alerts.Count);
            JsonNode example = EmulatorFixture.Example("Microsoft.Security/Alerts_List.json")["value"]![0]!;
            Assert.All(alerts, a => Shape.AssertMatches(example, a));
            Assert.All(alerts, a => Assert.Contains("/providers/Microsoft.Security/locations/westeurope/alerts/", a["id"]!.GetValue<string>(), StringComparison.Ordinal));
        }

        [Fact]
        public async Task Registration_definitions_have_the_official_shape()
        {
            string token = await Token();
            var definitions = await _emulator.ListAllAsync($"subscriptions/{TailspinRetail}/providers/Microsoft.ManagedServices/registrationDefinitions?api-version=2022-10-01", token);
            JsonNode example = EmulatorFixture.Example("Microsoft.ManagedServices/RegistrationDefinitions_List.json")["value"]![0]!;
            Shape.AssertMatches(example["properties"]!["authorizations"]![0]!, definitions[0]["properties"]!["authorizations"]![0]);
            JsonNode marketplace = definitions.Single(d => d["plan"] is not null);
            JsonObject withoutEligible = (JsonObject)example.DeepClone();
            withoutEligible["properties"]!.AsObject().Remove("eligibleAuthorizations");
            Shape.AssertMatches(withoutEligible, marketplace);
        }

        [Fact]
        public async Task Assignments_expand_their_definition_only_when_asked_and_filter_by_managing_tenant()
        {
            string token = await Token();
            string path = $"subscriptions/{TailspinRetail}/providers/Microsoft.ManagedServices/registrationAssignments?api-version=2022-10-01";
            var plain = await _emulator.ListAllAsync(path, token);
            Assert.All(plain, a => Assert.Null(a["properties"]!["registrationDefinition"]));
            var expanded = await _emulator.ListAllAsync(path + "&$expandRegistrationDefinition=true", token);
            Assert.All(expanded, a => Assert.Equal("Tailspin Toys", a["properties"]!["registrationDefinition"]!["properties"]!["manageeTenantName"]!.GetValue<string>()));
            var filtered = await _emulator.ListAllAsync(path + $"&$filter=managedByTenantId eq '{EmulatorFixture.Litware}'", token);
            Assert.Empty(filtered);
            var (status, _, _) = await _emulator.GetAsync(path + "&$filter=displayName eq 'x'", token);
            Assert.Equal(400, status);
        }

        [Fact]
        public async Task Pricings_are_not_paged_and_use_string_booleans()
        {
            string token = await Token();
            var (status, body, _) = await _emulator.GetAsync($"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/pricings?api-version=2024-01-01", token);
            Assert.Equal(200, status);
            JsonArray plans = body!["value"]!.AsArray();
            Assert.Equal(15, plans.Count);
            Assert.Null(body["nextLink"]);
            Assert.All(plans, p => Assert.Contains(p!["properties"]!["enforce"]!.GetValue<string>(), new[] { "True", "False" }));
            JsonNode vms = plans.Single(p => p!["name"]!.GetValue<string>() == "VirtualMachines")!;
            Assert.Equal("Standard", vms["properties"]!["pricingTier"]!.GetValue<string>());
            Assert.All(vms["properties"]!["extensions"]!.AsArray(), e => Assert.Contains(e!["isEnabled"]!.GetValue<string>(), new[] { "True", "False" }));
            JsonNode deprecated = plans.Single(p => p!["name"]!.GetValue<string>() == "KubernetesService")!;
            Assert.True(deprecated["properties"]!["deprecated"]!.GetValue<bool>());
            Assert.Equal("Containers", deprecated["properties"]!["replacedBy"]![0]!.GetValue<string>());
        }

        [Fact]
        public async Task Compliance_walks_standards_to_controls_to_assessments_and_mixes_the_case_of_states()
        {
            string token = await Token();
            string baseUrl = $"subscriptions/{NorthwindProduction}/providers/Microsoft.Security/regulatoryComplianceStandards";
            var standards = await _emulator.ListAllAsync(baseUrl + "?api-version=2019-01-01-preview", token);
            Assert.Equal(2, standards.Count);
            string name = standards[0]["name"]!.GetValue<string>();
            var controls = await _emulator.ListAllAsync($"{baseUrl}/{name}/regulatoryComplianceControls?api-version=2019-01-01-preview", token);
            JsonObject counts = standards[0]["properties"]!.AsObject();
            Assert.Equal(controls.Count, counts["passedControls"]!.GetValue<int>() + counts["failedControls"]!.GetValue<int>() + counts["skippedControls"]!.GetValue<int>() + counts["unsupportedControls"]!.GetValue<int>());
            Assert.Contains(controls, c => c["properties"]!["state"]!.GetValue<string>() is var s && s == s.ToLowerInvariant());
            string control = controls[0]["name"]!.GetValue<string>();
            var assessments = await _emulator.ListAllAsync($"{baseUrl}/{name}/regulatoryComplianceControls/{control}/regulatoryComplianceAssessments?api-version=2019-01-01-preview", token);
            Assert.Equal(3, assessments.Count);
            var (wrongVersion, _, _) = await _emulator.GetAsync(baseUrl + "?api-version=2019-01-01", token);
            Assert.Equal(400, wrongVersion);
        }

        [Fact]
        public async Task A_score_not_yet_computed_is_an_empty_list_and_a_404()
        {
            string token = await Token();
            Assert.Empty(await _emulator.ListAllAsync($"subscriptions/{NorthwindLegacy}/providers/Microsoft.Security/secureScores?api-version=2020-01-01", token));
            var (status, _, _) = await _emulator.GetAsync($"subscriptions/{NorthwindLegacy}/providers/Microsoft.Security/secureScores/ascScore?api-version=2020-01-01", token);
            Assert.Equal(404, status);
        }

        [Fact]
        public async Task An_unregistered_provider_is_MissingSubscriptionRegistration()
        {
            string token = await Token();
            var (status, body, _) = await _emulator.GetAsync($"subscriptions/{TailspinAnalytics}/providers/Microsoft.Security/assessments?api-version=2021-06-01", token);
            Assert.Equal(409, status);
            Assert.Equal("MissingSubscriptionRegistration", body!["error"]!["code"]!.GetValue<string>());
        }

        [Fact]
        public async Task Tenant_level_catalogues_answer_any_signed_in_caller()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.LitwareOperator);
            var metadata = await _emulator.ListAllAsync("providers/Microsoft.Security/assessmentMetadata?api-version=2021-06-01", token);
            Assert.True(metadata.Count > 20);
            Assert.All(metadata, m => Assert.StartsWith("/providers/Microsoft.Security/assessmentMetadata/", m["id"]!.GetValue<string>(), StringComparison.Ordinal));
            var definitions = await _emulator.ListAllAsync("providers/Microsoft.Security/secureScoreControlDefinitions?api-version=2020-01-01", token);
            Assert.Equal(13, definitions.Count);
        }
    }
}
