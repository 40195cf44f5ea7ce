using System;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// How Azure-like the emulator behaves. Defaults: no latency, no faults, ARM throttling and the Resource Graph
    /// quota at Azure's real numbers. Every decision is seeded.
    /// </summary>
    public sealed class BehaviourOptions
    {
        public int Seed { get; set; } = 1;

        /// <summary>Multiplies every latency, Retry-After, refill interval and quota window alike (e.g. 0.05).</summary>
        public double TimeScale { get; set; } = 1.0;

        /// <summary>Log-normal latency per endpoint class (performance-model.md). Off by default.</summary>
        public bool Latency { get; set; }

        public FaultProfile FaultProfile { get; set; } = FaultProfile.Calm;
        /// <summary>Overrides the profile's rates, e.g. to force one fault kind in a test.</summary>
        public FaultRates? CustomFaultRates { get; set; }

        public bool ArmThrottling { get; set; } = true;
        public ArmThrottleLimits ArmLimits { get; set; } = new();
        /// <summary>Retrying before a given Retry-After expires earns a fresh 429.</summary>
        public bool PenaltyMode { get; set; } = true;

        /// <summary>Start the global per-subscription bucket this many percent empty (the customer's own automation).</summary>
        public double NoisyNeighbourPreDrainPercent { get; set; }
        /// <summary>Which share of subscriptions the pre-drain hits (chosen by seed); 1 = all.</summary>
        public double NoisyNeighbourSubscriptionFraction { get; set; } = 1.0;

        /// <summary>Provider-layer profile "rp-tight": 400 requests per 5 min per (subscription, action) on Microsoft.Security. Off by default.</summary>
        public bool ProviderThrottling { get; set; }
        public int ProviderRequestsPerWindow { get; set; } = 400;
        public TimeSpan ProviderWindow { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Share of ARM requests answered 429 without Retry-After; null means the profile's default (0.01% from realistic up, 0 when calm).</summary>
        public double? BackgroundThrottleRate { get; set; }

        public bool ResourceGraphQuota { get; set; } = true;
        public int ResourceGraphRequestsPerWindow { get; set; } = 15;
        public TimeSpan ResourceGraphWindow { get; set; } = TimeSpan.FromSeconds(5);
        /// <summary>Add Retry-After (time to the window's reset) to Resource Graph 429s; Azure does not document one.</summary>
        public bool ResourceGraphRetryAfter { get; set; }
        /// <summary>
        /// Told after every Resource Graph admission how many requests the caller's window has left (0: used up, and
        /// so it stays until the window resets). Tests drive a clock with it; see ResourceGraphQuota.
        /// </summary>
        internal Action<int>? ResourceGraphQuotaAdmitted { get; set; }

        /// <summary>
        /// Malformed 200 answers on chosen or random reads (none by default). Rules can change while the emulator runs;
        /// they draw from their own seeded stream, so with none every other decision stays as it was.
        /// </summary>
        public BodyFaultRules BodyFaults { get; } = new();

        /// <summary>The clock for buckets, windows and injected delays; tests pass a manual one.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        public FaultRates Faults => CustomFaultRates ?? FaultRates.For(FaultProfile);

        public double EffectiveBackgroundThrottleRate => BackgroundThrottleRate ?? (FaultProfile == FaultProfile.Calm ? 0 : 0.0001);

        /// <summary>Share of Microsoft.Security list chains that begin with 1-3 empty pages carrying a nextLink; null follows the profile.</summary>
        public double? EmptyPageChainRate { get; set; }

        public double EffectiveEmptyPageChainRate => EmptyPageChainRate ?? FaultProfile switch
        {
            FaultProfile.Realistic => 0.005,
            FaultProfile.Stormy => 0.05,
            FaultProfile.Torture => 0.10,
            _ => 0,
        };

        public TimeSpan Scale(TimeSpan real) => TimeSpan.FromTicks((long)Math.Round(real.Ticks * TimeScale));
    }
}
