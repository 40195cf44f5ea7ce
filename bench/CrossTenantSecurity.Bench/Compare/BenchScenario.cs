using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// One row of the comparison (performance-model.md, "Benchmark scenarios"): an estate preset and how Azure
    /// misbehaves around it. Both approaches get a fresh emulator with exactly these settings.
    /// </summary>
    internal sealed record BenchScenario(string Name, string Estate, string Description, FaultProfile Faults, double PreDrainPercent = 0, double PreDrainFraction = 1.0)
    {
        public static readonly IReadOnlyList<BenchScenario> All = new[]
        {
            new BenchScenario("S1", "S1", "5 tenants, 50 subscriptions, 100 assessments each; calm", FaultProfile.Calm),
            // The fault pairs: how much a fault profile costs against the same estate with fewer faults (run with --module-only).
            new BenchScenario("S1-realistic", "S1", "S1 under the 'realistic' fault profile", FaultProfile.Realistic) { OnlyWhenNamed = true },
            new BenchScenario("S1-torture", "S1", "S1 under the 'torture' fault profile (6% of reads hang, 12% break off mid-body)", FaultProfile.Torture) { OnlyWhenNamed = true },
            new BenchScenario("S2", "S2", "S2 core: 50 tenants, 1,000 subscriptions, 300 assessments each; calm", FaultProfile.Calm),
            // The model's 90% pre-drain leaves 375 tokens refilling at 375/s, more than one audit needs, so nothing would
            // throttle; the global bucket starts empty instead, so every hit subscription starts with a 429.
            new BenchScenario("S5", "S2", "S2 + throttle storm: global ARM read bucket empty on 10% of subscriptions, Retry-After 10 s (scaled)", FaultProfile.Calm, 100, 0.10),
            new BenchScenario("S6-realistic", "S2", "S2 under the 'realistic' fault profile", FaultProfile.Realistic),
            new BenchScenario("S6-stormy", "S2", "S2 under the 'stormy' fault profile", FaultProfile.Stormy),
            // Not the loop against the module: the module's two ways to audit everything, each against a fresh emulator.
            new BenchScenario("S2-snapshot", "S2", "S2 core, calm: Get-CtPostureSnapshot (one pass, every kind incl. delegations) against the six audit cmdlets one after another", FaultProfile.Calm)
            {
                Snapshot = true,
                OnlyWhenNamed = true,
            },
        };

        /// <summary>The default set: everything the performance model asks for (the fault pairs and S2-snapshot run when named).</summary>
        public static IReadOnlyList<BenchScenario> Default => All.Where(s => !s.OnlyWhenNamed).ToList();

        /// <summary>Left out of the default set.</summary>
        public bool OnlyWhenNamed { get; init; }

        /// <summary>Compare Get-CtPostureSnapshot with the six cmdlets instead of the serial loop with the module.</summary>
        public bool Snapshot { get; init; }

        public static BenchScenario Find(string name) =>
            All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown scenario '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.");

        /// <summary>Latency on, time scaled, seeded; throttling at Azure's numbers with a 10 s minimum Retry-After.</summary>
        public BehaviourOptions Behaviour(double timeScale, int seed) => new()
        {
            Seed = seed,
            TimeScale = timeScale,
            Latency = true,
            FaultProfile = Faults,
            ArmThrottling = true,
            ArmLimits = new ArmThrottleLimits { MinimumRetryAfter = TimeSpan.FromSeconds(10) },
            NoisyNeighbourPreDrainPercent = PreDrainPercent,
            NoisyNeighbourSubscriptionFraction = PreDrainFraction,
        };
    }
}
