using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>The fan-out under Azure-like latency and throttling: bounded concurrency, prompt stops, and a 429 storm that still completes.</summary>
    [Collection(EmulatorCollection.Name)]
    public class FanOutBehaviourTests
    {
        private static readonly (string, string, string) Automation =
            (EstateGenerator.ManagingTenantId.ToString(), EstateGenerator.AutomationAppId.ToString(), EstateGenerator.AutomationSecret);

        private static Task<EmulatorHost> StartAsync(string scenario, Action<BehaviourOptions> configure)
        {
            var options = new EmulatorOptions { Scenario = ScenarioLoader.Load(scenario), CertificateAuthority = PlatformTrust.ProcessAuthority };
            configure(options.Behaviour);
            return EmulatorHost.StartAsync(options);
        }

        private const string Estate = "generated:tenants=4,subscriptions=40,assessments=60";

        [Fact]
        public async Task Requests_in_flight_never_exceed_ThrottleLimit()
        {
            await using EmulatorHost host = await StartAsync(Estate, b => { b.Latency = true; b.TimeScale = 0.05; });
            using var ps = new PowerShellSession();
            // A hedged read is one more request for a read already in flight, outside the cap by design: on a busy machine a
            // 0.2 s read is late enough for one, so hedging is off where the cap itself is measured.
            Assert.False(ps.Connect(host, Automation, "-DisableReadHedging").Failed);

            host.Requests.Clear();
            PSResult narrow = ps.Run("Get-CtRecommendation -Status Healthy, Unhealthy, NotApplicable -ThrottleLimit 3 -ErrorAction SilentlyContinue | Out-Null");
            Assert.Null(narrow.Terminating);
            long narrowPeak = host.Requests.PeakInFlight;
            Assert.InRange(narrowPeak, 1, 3);

            host.Requests.Clear();
            ps.Run("Get-CtRecommendation -Status Healthy, Unhealthy, NotApplicable -ThrottleLimit 16 -ErrorAction SilentlyContinue | Out-Null");
            Assert.True(host.Requests.PeakInFlight > 3, $"peak {host.Requests.PeakInFlight} with -ThrottleLimit 16: the measure would not catch a broken cap");
        }

        [Fact]
        public async Task Stopping_the_pipeline_stops_outstanding_requests_promptly()
        {
            await using EmulatorHost host = await StartAsync(Estate, b => { b.Latency = true; b.TimeScale = 0.2; });
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(host, Automation).Failed);

            host.Requests.Clear();
            var (state, objects, stopTook) = ps.StopAfterFirstObject("Get-CtRecommendation -Status Healthy, Unhealthy, NotApplicable -ThrottleLimit 4", TimeSpan.FromSeconds(60));
            Assert.Equal(PSInvocationState.Stopped, state);
            Assert.True(objects >= 1);
            Assert.True(stopTook < TimeSpan.FromSeconds(5), $"stop took {stopTook}");

            // Requests sent just before the stop may reach a busy server a little later; what must not happen is
            // a stream of new ones. Let the stragglers land, then watch a quiet period.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(0, host.Requests.InFlight);
            long settled = host.Requests.Total;
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.True(host.Requests.Total == settled && host.Requests.InFlight == 0, "requests kept being sent after the stop");
            Assert.True(host.Requests.Total < 40, $"{host.Requests.Total} requests: the run was not stopped early");
        }

        [Fact]
        public async Task Reads_start_before_the_subscription_list_is_complete()
        {
            await using EmulatorHost host = await StartAsync("generated:tenants=3,subscriptions=300,assessments=10", b => { b.Latency = true; b.TimeScale = 0.2; });
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(host, Automation).Failed);
            host.Requests.Clear();
            PSResult result = ps.Run("Get-CtSecureScore -ErrorAction SilentlyContinue | Out-Null");
            Assert.Null(result.Terminating);
            var entries = host.Requests.Entries;
            DateTimeOffset lastListPage = entries.Where(e => e.Path == "/subscriptions").Max(e => e.Time);
            DateTimeOffset firstScore = entries.Where(e => e.Path.EndsWith("/secureScores/ascScore", StringComparison.Ordinal)).Min(e => e.Time);
            Assert.Equal(3, entries.Count(e => e.Path == "/subscriptions"));
            Assert.True(firstScore < lastListPage, "the first secure score was read only after every subscription page had been listed");
        }

        [Fact]
        public async Task A_throttle_storm_completes_with_every_subscription_accounted_for()
        {
            await using EmulatorHost host = await StartAsync("generated:tenants=2,subscriptions=12,assessments=20", b =>
            {
                b.TimeScale = 0.01;
                b.ArmLimits = new ArmThrottleLimits { ReadCapacity = 1, ReadRefill = 1 };
            });
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(host, Automation, "-MaxRetries 6").Failed);

            PSResult result = ps.Run("Get-CtRegulatoryCompliance -IncludeControls -IncludeHome");
            long throttled = host.Requests.Behaviour.Throttled();
            Assert.True(throttled > 0, "no 429 was sent: the storm did not happen");
            var withData = result.Items.Select(i => (string)i.SubscriptionId).Distinct().ToHashSet();
            var withErrors = result.Errors.Select(e => (string)((dynamic)e.TargetObject).SubscriptionId).ToHashSet();
            foreach (var subscription in host.Scenario.Subscriptions)
                Assert.True(withData.Contains(subscription.Id.ToString()) || withErrors.Contains(subscription.Id.ToString()), $"{subscription.Id} was silently dropped");
            Assert.DoesNotContain(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("RegulatoryCompliance.Throttled", StringComparison.Ordinal));
        }
    }
}
