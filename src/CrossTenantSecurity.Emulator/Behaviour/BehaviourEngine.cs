using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// Every behaviour decision, without HTTP: latency, admission (throttling) and faults. Randomness comes from
    /// <see cref="SeededRandom"/> keyed by the request's sequence number, so the same seed and the same request order
    /// give the same decisions; buckets and windows read <see cref="BehaviourOptions.TimeProvider"/>.
    /// </summary>
    internal sealed class BehaviourEngine
    {
        private readonly ArmThrottle _arm;
        private readonly ProviderThrottle _provider;
        private readonly ResourceGraphQuota _resourceGraph;
        private long _sequence;

        public BehaviourEngine(BehaviourOptions options)
        {
            Options = options;
            _arm = new ArmThrottle(options);
            _provider = new ProviderThrottle(options);
            _resourceGraph = new ResourceGraphQuota(options);
        }

        public BehaviourOptions Options { get; }
        public TimeProvider Clock => Options.TimeProvider;

        /// <summary>Numbers requests in arrival order, from 1.</summary>
        public long NextSequence() => Interlocked.Increment(ref _sequence);

        /// <summary>The scaled delay before request <paramref name="sequence"/> is handled; zero when latency is off.</summary>
        public TimeSpan Latency(EndpointClass endpoint, long sequence) =>
            Options.Latency && LatencyShape.For(endpoint) is { } shape
                ? Options.Scale(LatencySampler.Sample(shape, Options.Seed, sequence))
                : TimeSpan.Zero;

        /// <summary>Throttling in the order Azure's layers see a request: ARM buckets, background jobs, then the provider.</summary>
        public Admission Admit(RequestFacts request, long sequence, string correlationId)
        {
            var admission = new Admission();
            DateTimeOffset now = Clock.GetUtcNow();
            if (request.Endpoint == EndpointClass.ResourceGraph)
            {
                if (Options.ResourceGraphQuota) _resourceGraph.Admit(request, now, admission, correlationId);
                return admission;
            }
            if (!request.IsArm) return admission;

            if (Options.ArmThrottling) _arm.Admit(request, now, admission);
            if (!admission.Allowed) return admission;

            if (SeededRandom.Uniform(Options.Seed, RandomStream.Background, sequence) < Options.EffectiveBackgroundThrottleRate)
            {
                admission.Refuse(ThrottleReason.Background, "TooManyRequests",
                    "The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. " +
                    "The service is receiving an excessive volume of traffic; please retry later.",
                    retryAfter: null);
                return admission;
            }

            if (Options.ProviderThrottling) _provider.Admit(request, now, admission);
            return admission;
        }

        /// <summary>Faults hit ARM-side requests only; the token endpoint gets latency but no faults.</summary>
        public FaultDecision PickFault(RequestFacts request, long sequence)
        {
            if (!request.IsArm) return FaultDecision.None;
            FaultKind kind = FaultPicker.Pick(Options.Faults,
                SeededRandom.Uniform(Options.Seed, RandomStream.Fault, sequence),
                SeededRandom.Uniform(Options.Seed, RandomStream.FaultDetail, sequence, 0));
            if (kind != FaultKind.ServiceUnavailable) return new FaultDecision(kind, null);
            int seconds = 1 + (int)(SeededRandom.Uniform(Options.Seed, RandomStream.FaultDetail, sequence, 1) * 5);
            return new FaultDecision(kind, Options.Scale(TimeSpan.FromSeconds(seconds)));
        }

        /// <summary>Whether a body-fault rule covers this request; false keeps it on the untouched path (no key, no draw).</summary>
        public bool MayBodyFault(RequestFacts request) =>
            request.Posture is PostureEndpoint endpoint && Options.BodyFaults.Current.Any(r => r.Matches(endpoint, request.SubscriptionId));

        /// <summary>
        /// The first rule that covers the read and, for a rate below 1, whose draw hits. Draws are keyed by the request
        /// itself (<paramref name="requestKey"/>), not by its arrival, so the same seed breaks the same reads under any
        /// concurrency, and a broken read stays broken when asked again.
        /// </summary>
        public BodyFaultKind? PickBodyFault(RequestFacts request, long requestKey)
        {
            if (request.Posture is not PostureEndpoint endpoint) return null;
            IReadOnlyList<BodyFaultRule> rules = Options.BodyFaults.Current;
            for (int i = 0; i < rules.Count; i++)
            {
                BodyFaultRule rule = rules[i];
                if (rule.Matches(endpoint, request.SubscriptionId) &&
                    (rule.Rate >= 1 || SeededRandom.Uniform(Options.Seed, RandomStream.BodyFault, requestKey, i) < rule.Rate))
                    return rule.Kind;
            }
            return null;
        }
    }
}
