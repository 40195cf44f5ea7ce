using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>Latency percentiles, fault rates per profile, classification and seeded determinism, computed without HTTP.</summary>
    public class BehaviourRandomnessTests
    {
        private const int Seed = 42;

        private static double[] SortedLatenciesMs(EndpointClass endpoint, int count)
        {
            LatencyShape shape = LatencyShape.For(endpoint)!;
            return Enumerable.Range(1, count).Select(i => LatencySampler.Sample(shape, Seed, i).TotalMilliseconds).OrderBy(x => x).ToArray();
        }

        private static double Percentile(double[] sorted, double p) => sorted[(int)(p * (sorted.Length - 1))];

        [Theory]
        [InlineData(EndpointClass.ArmRead, 200, 460, 906)]
        [InlineData(EndpointClass.SecurityList, 800, 1962, 4100)]
        [InlineData(EndpointClass.ResourceGraph, 600, 1296, 2418)]
        [InlineData(EndpointClass.EntraToken, 250, 475, 800)]
        public void Latency_percentiles_match_the_model(EndpointClass endpoint, double p50, double p90, double p99)
        {
            double[] sorted = SortedLatenciesMs(endpoint, 200_000);
            Assert.InRange(Percentile(sorted, 0.50), p50 * 0.97, p50 * 1.03);
            Assert.InRange(Percentile(sorted, 0.90), p90 * 0.96, p90 * 1.04);
            // The Security list's 0.5% tail mixture lifts its p99 above the pure log-normal's 4.1 s.
            Assert.InRange(Percentile(sorted, 0.99), p99 * 0.93, p99 * (endpoint == EndpointClass.SecurityList ? 1.25 : 1.07));
        }

        [Fact]
        public void The_tail_mixture_puts_about_0_2_percent_of_small_ARM_calls_between_3_and_10_seconds()
        {
            double[] sorted = SortedLatenciesMs(EndpointClass.ArmRead, 200_000);
            int tail = sorted.Count(ms => ms >= 3000);
            Assert.InRange(tail, 320, 480); // expected 400
            Assert.True(sorted[^1] <= 10_000);
        }

        [Theory]
        [InlineData(FaultProfile.Realistic, 1_000_000)]
        [InlineData(FaultProfile.Stormy, 400_000)]
        [InlineData(FaultProfile.Torture, 100_000)]
        public void Fault_rates_match_the_profile_within_tolerance(FaultProfile profile, int requests)
        {
            var engine = new BehaviourEngine(new BehaviourOptions { FaultProfile = profile });
            RequestFacts request = RequestFacts.Create("GET", "/subscriptions/x/providers/Microsoft.Security/secureScores", Guid.Empty, Guid.Empty);
            var counts = new Dictionary<FaultKind, int>();
            for (long i = 1; i <= requests; i++)
            {
                FaultKind kind = engine.PickFault(request, i).Kind;
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
            }
            FaultRates rates = FaultRates.For(profile);
            AssertRate(rates.InternalServerError, counts.GetValueOrDefault(FaultKind.InternalServerError), requests);
            AssertRate(rates.BadGatewayOrGatewayTimeout, counts.GetValueOrDefault(FaultKind.BadGateway) + counts.GetValueOrDefault(FaultKind.GatewayTimeout), requests);
            AssertRate(rates.ServiceUnavailable, counts.GetValueOrDefault(FaultKind.ServiceUnavailable), requests);
            AssertRate(rates.ConnectionReset, counts.GetValueOrDefault(FaultKind.ConnectionReset), requests);
            AssertRate(rates.PartialBodyThenAbort, counts.GetValueOrDefault(FaultKind.PartialBodyThenAbort), requests);
            AssertRate(rates.PartialBodyThenHang, counts.GetValueOrDefault(FaultKind.PartialBodyThenHang), requests);
            AssertRate(rates.Hang, counts.GetValueOrDefault(FaultKind.Hang), requests);
        }

        /// <summary>Within 4 standard deviations of the binomial expectation (plus one for tiny counts).</summary>
        private static void AssertRate(double rate, int observed, int requests)
        {
            double expected = rate * requests;
            double tolerance = 4 * Math.Sqrt(expected * (1 - rate)) + 1;
            Assert.InRange(observed, expected - tolerance, expected + tolerance);
        }

        [Fact]
        public void Calm_injects_nothing_and_503s_carry_1_to_5_seconds()
        {
            var calm = new BehaviourEngine(new BehaviourOptions());
            RequestFacts request = RequestFacts.Create("GET", "/subscriptions/x", Guid.Empty, Guid.Empty);
            Assert.All(Enumerable.Range(1, 10_000), i => Assert.Equal(FaultKind.None, calm.PickFault(request, i).Kind));

            var unavailable = new BehaviourEngine(new BehaviourOptions { CustomFaultRates = FaultRates.None with { ServiceUnavailable = 1 }, TimeScale = 0.5 });
            var waits = Enumerable.Range(1, 1000).Select(i => unavailable.PickFault(request, i).RetryAfter!.Value.TotalSeconds).Distinct().OrderBy(s => s).ToArray();
            Assert.Equal(new[] { 0.5, 1.0, 1.5, 2.0, 2.5 }, waits);
        }

        [Fact]
        public void Fault_picker_walks_the_cumulative_rates()
        {
            var rates = new FaultRates(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
            Assert.Equal(FaultKind.InternalServerError, FaultPicker.Pick(rates, 0.05, 0));
            Assert.Equal(FaultKind.BadGateway, FaultPicker.Pick(rates, 0.15, 0.2));
            Assert.Equal(FaultKind.GatewayTimeout, FaultPicker.Pick(rates, 0.15, 0.7));
            Assert.Equal(FaultKind.ServiceUnavailable, FaultPicker.Pick(rates, 0.25, 0));
            Assert.Equal(FaultKind.ConnectionReset, FaultPicker.Pick(rates, 0.35, 0));
            Assert.Equal(FaultKind.PartialBodyThenAbort, FaultPicker.Pick(rates, 0.45, 0));
            Assert.Equal(FaultKind.PartialBodyThenHang, FaultPicker.Pick(rates, 0.55, 0));
            Assert.Equal(FaultKind.Hang, FaultPicker.Pick(rates, 0.65, 0));
            Assert.Equal(FaultKind.None, FaultPicker.Pick(rates, 0.75, 0));
        }

        [Fact]
        public void Faults_never_hit_the_token_endpoint()
        {
            var engine = new BehaviourEngine(new BehaviourOptions { CustomFaultRates = FaultRates.None with { InternalServerError = 1 } });
            Assert.Equal(FaultKind.None, engine.PickFault(RequestFacts.Create("POST", "/t/oauth2/v2.0/token", null, null), 1).Kind);
        }

        /// <summary>Everything the engine decides for a mixed request sequence, as text.</summary>
        private static List<string> Outcomes(int seed)
        {
            var clock = new BehaviourManualClock();
            var engine = new BehaviourEngine(new BehaviourOptions
            {
                Seed = seed, TimeProvider = clock, Latency = true, FaultProfile = FaultProfile.Stormy, BackgroundThrottleRate = 0.01,
                ArmLimits = new ArmThrottleLimits { ReadCapacity = 20, ReadRefill = 2 },
            });
            var actor = Guid.Parse("a0000000-0000-4000-8000-0000000000a1");
            string[] paths = { "/subscriptions", "/subscriptions/s1/providers/Microsoft.Security/assessments", "/subscriptions/s2/providers/Microsoft.Security/pricings" };
            var outcomes = new List<string>();
            for (int i = 0; i < 3000; i++)
            {
                RequestFacts request = RequestFacts.Create("GET", paths[i % paths.Length], Guid.Empty, actor);
                long sequence = engine.NextSequence();
                TimeSpan latency = engine.Latency(request.Endpoint, sequence);
                Admission admission = engine.Admit(request, sequence, "c");
                FaultKind fault = admission.Allowed ? engine.PickFault(request, sequence).Kind : FaultKind.None;
                outcomes.Add($"{latency.Ticks} {admission.RefusedBy} {fault}");
                clock.Advance(TimeSpan.FromMilliseconds(100));
            }
            return outcomes;
        }

        [Fact]
        public void The_same_seed_gives_the_same_decisions_and_another_seed_does_not()
        {
            List<string> first = Outcomes(7);
            Assert.Equal(first, Outcomes(7));
            Assert.NotEqual(first, Outcomes(8));
            Assert.Contains(first, o => o.Contains("Arm", StringComparison.Ordinal));
            Assert.Contains(first, o => o.Contains("Background", StringComparison.Ordinal));
            Assert.Contains(first, o => !o.EndsWith("None", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("GET", "/subscriptions", EndpointClass.ArmRead)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/secureScores", EndpointClass.ArmRead)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/pricings", EndpointClass.ArmRead)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/assessments", EndpointClass.SecurityList)]
        [InlineData("GET", "/subscriptions/s/providers/microsoft.security/ALERTS", EndpointClass.SecurityList)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/assessments/a/subAssessments", EndpointClass.SecurityList)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/regulatoryComplianceStandards/x/regulatoryComplianceControls/y/regulatoryComplianceAssessments", EndpointClass.SecurityList)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/assessments/a", EndpointClass.ArmRead)]
        [InlineData("POST", "/providers/Microsoft.ResourceGraph/resources", EndpointClass.ResourceGraph)]
        [InlineData("POST", "/tenant-id/oauth2/v2.0/token", EndpointClass.EntraToken)]
        [InlineData("POST", "/tenant-id/oauth2/token", EndpointClass.EntraToken)]
        [InlineData("PUT", "/subscriptions/s/providers/Microsoft.Security/pricings/VirtualMachines", EndpointClass.ArmWrite)]
        [InlineData("DELETE", "/subscriptions/s/resourceGroups/rg", EndpointClass.ArmWrite)]
        [InlineData("GET", "/tenant-id/v2.0/.well-known/openid-configuration", EndpointClass.Other)]
        public void Requests_are_classified_by_method_and_path(string method, string path, EndpointClass expected) =>
            Assert.Equal(expected, EndpointClassifier.Classify(method, path));

        [Fact]
        public void Scope_and_provider_action_are_read_from_the_path()
        {
            Assert.Null(EndpointClassifier.SubscriptionId("/subscriptions"));
            Assert.Equal("s1", EndpointClassifier.SubscriptionId("/subscriptions/s1"));
            Assert.Equal("Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls/read",
                EndpointClassifier.SecurityAction("/subscriptions/s/providers/Microsoft.Security/regulatoryComplianceStandards/x/regulatoryComplianceControls", ArmOperation.Read));
            Assert.Null(EndpointClassifier.SecurityAction("/subscriptions/s", ArmOperation.Read));
        }
    }
}
