using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Posture;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>Seeded estates: the right size and failure mix, the same bytes for the same seed.</summary>
    public class GeneratorTests
    {
        [Fact]
        public void S2_has_the_modelled_size_and_failure_mix()
        {
            Scenario s2 = ScenarioLoader.Load("S2");
            Assert.Equal(1_000, s2.Subscriptions.Count);
            Assert.Equal(51, s2.Tenants.Count);
            Assert.All(s2.Subscriptions, s => Assert.Equal(300, s.Posture!.Assessments));
            int notRegistered = s2.Subscriptions.Count(s => !s.Posture!.SecurityRegistered);
            Assert.InRange(notRegistered, 5, 40);
            var index = new EstateIndex(s2);
            Guid backupOffer = s2.Delegations.First(d => d.OfferName == "Contoso Backup Operations").Id;
            int forbidden = s2.Subscriptions.Count(s => index.DelegationsIn(s.Id).Any(d => d.Delegation.OfferName == "Contoso Backup Operations"));
            Assert.InRange(forbidden, 5, 40);
            Assert.NotEqual(Guid.Empty, backupOffer);
        }

        [Fact]
        public void A_generated_subscription_holds_about_the_requested_number_of_assessments()
        {
            Scenario s1 = ScenarioLoader.Load("S1");
            ScenarioSubscription subscription = s1.Subscriptions[0];
            SubscriptionPosture posture = PostureGenerator.Generate(s1, subscription);
            Assert.InRange(posture.Assessments.Count, 100, 115);
            Assert.Equal(posture.Assessments.Select(a => a.Id).OrderBy(id => id, StringComparer.Ordinal), posture.Assessments.Select(a => a.Id));
        }

        [Fact]
        public void Same_seed_same_estate_and_posture_different_seed_different()
        {
            string Serialize(string name) => JsonSerializer.Serialize(ScenarioLoader.Load(name));
            Assert.Equal(Serialize("S1:seed=4"), Serialize("S1:seed=4"));
            Assert.NotEqual(Serialize("S1:seed=4"), Serialize("S1:seed=5"));

            Scenario a = ScenarioLoader.Load("S1"), b = ScenarioLoader.Load("S1");
            string PostureText(Scenario s) => string.Join("\n", PostureGenerator.Generate(s, s.Subscriptions[7]).Assessments.Select(x => SecurityJson.Assessment(x, true, true).ToJsonString()));
            Assert.Equal(PostureText(a), PostureText(b));
        }

        [Fact]
        public async Task Two_emulators_serving_the_same_estate_answer_with_the_same_bytes()
        {
            await using EmulatorHost first = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority });
            await using EmulatorHost second = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority });
            const string path = "subscriptions/3c333333-0000-4000-8000-000000000001/providers/Microsoft.Security/alerts?api-version=2022-01-01";
            async Task<string> Body(EmulatorHost host)
            {
                var principal = host.Scenario.Principals.First(p => p.DisplayName == "contoso-posture-automation");
                using var http = new System.Net.Http.HttpClient { BaseAddress = host.BaseUrl };
                http.DefaultRequestHeaders.Authorization = new("Bearer", host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId));
                return await http.GetStringAsync(path);
            }
            Assert.Equal(await Body(first), await Body(second));
        }

        [Fact]
        public async Task Security_lists_can_begin_with_empty_pages_that_still_carry_a_nextLink()
        {
            Scenario scenario = ScenarioLoader.LoadSample();
            scenario.EmptySecurityPageRate = 1.0;
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { Scenario = scenario, CertificateAuthority = PlatformTrust.ProcessAuthority });
            var principal = scenario.Principals.First(p => p.DisplayName == "contoso-posture-automation");
            using var http = new System.Net.Http.HttpClient { BaseAddress = host.BaseUrl };
            http.DefaultRequestHeaders.Authorization = new("Bearer", host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId));

            string? next = "subscriptions/2b222222-0000-4000-8000-000000000001/providers/Microsoft.Security/assessments?api-version=2021-06-01";
            int pages = 0, empty = 0, items = 0;
            while (next is not null)
            {
                var page = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(next))!;
                int count = page["value"]!.AsArray().Count;
                pages++;
                if (count == 0) empty++;
                items += count;
                next = page["nextLink"]?.GetValue<string>();
            }
            Assert.InRange(empty, 1, 3);
            Assert.Equal(PostureGenerator.Generate(scenario, scenario.Subscriptions.First(s => s.Id == Guid.Parse("2b222222-0000-4000-8000-000000000001"))).Assessments.Count, items);
            Assert.Equal(empty + (int)Math.Ceiling(items / 25.0), pages);
        }
    }
}
