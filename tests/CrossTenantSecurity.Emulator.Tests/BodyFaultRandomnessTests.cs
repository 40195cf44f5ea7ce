using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>Body faults at a rate: off by default, seeded by the read itself, and invisible to every other decision.</summary>
    public class BodyFaultRandomnessTests
    {
        private static readonly string[] Subscriptions =
        {
            "1a111111-0000-4000-8000-000000000001", "1a111111-0000-4000-8000-000000000002",
            "2b222222-0000-4000-8000-000000000001", "2b222222-0000-4000-8000-000000000002",
            "3c333333-0000-4000-8000-000000000001", "3c333333-0000-4000-8000-000000000003",
        };

        /// <summary>Thirty Microsoft.Security reads the sample's automation principal may make.</summary>
        private static readonly string[] Reads = Subscriptions.SelectMany(s => new[]
        {
            $"subscriptions/{s}/providers/Microsoft.Security/secureScores/ascScore?api-version=2020-01-01",
            $"subscriptions/{s}/providers/Microsoft.Security/secureScoreControls?api-version=2020-01-01",
            $"subscriptions/{s}/providers/Microsoft.Security/assessments?api-version=2021-06-01",
            $"subscriptions/{s}/providers/Microsoft.Security/pricings?api-version=2024-01-01",
            $"subscriptions/{s}/providers/Microsoft.Security/regulatoryComplianceStandards?api-version=2019-01-01-preview",
        }).ToArray();

        /// <summary>Which reads answered {} (hit) under the given options, in order.</summary>
        private static async Task<(bool[] Hit, long Counted)> HitsAsync(Action<BehaviourOptions> configure)
        {
            await using BehaviourEmulator emulator = await BehaviourEmulator.StartAsync(o =>
            {
                o.ArmThrottling = false;
                configure(o);
            });
            var hits = new bool[Reads.Length];
            for (int i = 0; i < Reads.Length; i++)
            {
                using HttpResponseMessage response = await emulator.GetAsync(Reads[i]);
                Assert.Equal(200, (int)response.StatusCode);
                hits[i] = await response.Content.ReadAsStringAsync() == "{}";
            }
            return (hits, emulator.Host.Requests.Behaviour.BodyFaults());
        }

        private static Action<BehaviourOptions> Random(int seed, double rate) => o =>
        {
            o.Seed = seed;
            o.BodyFaults.Add(new BodyFaultRule(BodyFaultKind.EmptyObject, rate: rate));
        };

        [Fact]
        public async Task A_rate_hits_the_same_reads_for_the_same_seed_and_other_reads_for_another()
        {
            var (first, firstCounted) = await HitsAsync(Random(7, 0.5));
            var (second, _) = await HitsAsync(Random(7, 0.5));
            var (other, _) = await HitsAsync(Random(8, 0.5));
            Assert.Equal(first, second);
            Assert.NotEqual(first, other);
            Assert.InRange(first.Count(h => h), 5, Reads.Length - 5);
            Assert.Equal(first.Count(h => h), firstCounted);
        }

        [Fact]
        public async Task Body_faults_are_off_by_default()
        {
            Assert.Empty(new BehaviourOptions().BodyFaults.Current);
            Assert.Empty(new EmulatorOptions().Behaviour.BodyFaults.Current);
            var (hits, counted) = await HitsAsync(_ => { });
            Assert.DoesNotContain(true, hits);
            Assert.Equal(0, counted);
        }

        [Fact]
        public void A_read_that_is_hit_stays_hit_whatever_came_before()
        {
            var engine = new BehaviourEngine(new BehaviourOptions { Seed = 3 });
            engine.Options.BodyFaults.Add(new BodyFaultRule(BodyFaultKind.WrongTypes, rate: 0.3));
            RequestFacts request = RequestFacts.Create("GET", "/subscriptions/2b222222-0000-4000-8000-000000000001/providers/Microsoft.Security/assessments", Guid.Empty, Guid.Empty);
            BodyFaultKind?[] once = Enumerable.Range(0, 20_000).Select(key => engine.PickBodyFault(request, key)).ToArray();
            BodyFaultKind?[] reversed = Enumerable.Range(0, 20_000).Reverse().Select(key => engine.PickBodyFault(request, key)).Reverse().ToArray();
            Assert.Equal(once, reversed);
            Assert.InRange(once.Count(k => k == BodyFaultKind.WrongTypes) / 20_000.0, 0.28, 0.32);
        }

        [Fact]
        public void Rules_leave_latency_and_transient_faults_exactly_as_they_were()
        {
            var plain = new BehaviourEngine(new BehaviourOptions { FaultProfile = FaultProfile.Torture, Latency = true });
            var withRules = new BehaviourEngine(new BehaviourOptions { FaultProfile = FaultProfile.Torture, Latency = true });
            withRules.Options.BodyFaults.Add(new BodyFaultRule(BodyFaultKind.EmptyObject, rate: 0.5));
            withRules.Options.BodyFaults.Add(new BodyFaultRule(BodyFaultKind.HtmlPage));
            RequestFacts request = RequestFacts.Create("GET", "/subscriptions/x/providers/Microsoft.Security/assessments", Guid.Empty, Guid.Empty);
            for (long sequence = 1; sequence <= 20_000; sequence++)
            {
                Assert.NotNull(withRules.PickBodyFault(request, sequence));
                Assert.Equal(plain.PickFault(request, sequence), withRules.PickFault(request, sequence));
                Assert.Equal(plain.Latency(request.Endpoint, sequence), withRules.Latency(request.Endpoint, sequence));
            }
        }

        [Fact]
        public void WrongTypes_is_a_pure_function_of_seed_and_read()
        {
            byte[] real = Encoding.UTF8.GetBytes("{\"value\":[{\"id\":\"a\",\"properties\":{\"n\":1,\"s\":\"x\",\"b\":true,\"list\":[1],\"nested\":{\"m\":2.5,\"z\":null}}}],\"nextLink\":\"https://next\"}");
            string Broken(int seed, long key) => Encoding.UTF8.GetString(BodyFaultBodies.For(BodyFaultKind.WrongTypes, real, "value", seed, key).Body);
            Assert.Equal(Broken(1, 10), Broken(1, 10));
            var variants = Enumerable.Range(0, 64).Select(key => Broken(1, key)).Distinct().ToList();
            Assert.True(variants.Count > 8, "the seeded draws should vary the wrong types between reads");
            Assert.All(variants, v => Assert.Matches(
                "^\\{\"value\":\\[\\{\"id\":\"a\",\"properties\":\\{\"n\":(\\{\\}|\"abc\"),\"s\":(\\{\\}|42),\"b\":(\\{\\}|\"abc\"),\"list\":\\{\\},\"nested\":\\{\"m\":(\\{\\}|\"abc\"),\"z\":null\\}\\}\\}\\],\"nextLink\":(\\{\\}|42)\\}$", v));
            Assert.Equal("{\"value\":{}}", Encoding.UTF8.GetString(BodyFaultBodies.For(BodyFaultKind.WrongTypes, Encoding.UTF8.GetBytes("{\"value\":[]}"), "value", 1, 1).Body));
        }
    }
}
