using System;
using System.Linq;
using System.Threading;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Emulator.Diagnostics
{
    /// <summary>What the behaviour layer did, per endpoint class: requests seen, 429s by layer, faults and body faults by kind, latency injected.</summary>
    public sealed class BehaviourCounters
    {
        private static readonly int Classes = Enum.GetValues<EndpointClass>().Length;
        private static readonly int Reasons = Enum.GetValues<ThrottleReason>().Length;
        private static readonly int Kinds = Enum.GetValues<FaultKind>().Length;
        private static readonly int BodyKinds = Enum.GetValues<BodyFaultKind>().Length;

        private readonly long[] _requests = new long[Classes];
        private readonly long[] _throttled = new long[Classes * Reasons];
        private readonly long[] _faults = new long[Classes * Kinds];
        private readonly long[] _bodyFaults = new long[Classes * BodyKinds];
        private readonly long[] _latencyTicks = new long[Classes];

        public long Requests(EndpointClass endpoint) => Interlocked.Read(ref _requests[(int)endpoint]);
        public long Requests() => Sum(_requests);

        public long Throttled(EndpointClass endpoint, ThrottleReason reason) => Interlocked.Read(ref _throttled[(int)endpoint * Reasons + (int)reason]);
        public long Throttled(ThrottleReason reason) => Enum.GetValues<EndpointClass>().Sum(e => Throttled(e, reason));
        public long Throttled() => Sum(_throttled);

        public long Faults(EndpointClass endpoint, FaultKind kind) => Interlocked.Read(ref _faults[(int)endpoint * Kinds + (int)kind]);
        public long Faults(FaultKind kind) => Enum.GetValues<EndpointClass>().Sum(e => Faults(e, kind));
        public long Faults() => Sum(_faults);

        /// <summary>Malformed 200 answers sent (a rule that met a non-200 answer counts nothing).</summary>
        public long BodyFaults(EndpointClass endpoint, BodyFaultKind kind) => Interlocked.Read(ref _bodyFaults[(int)endpoint * BodyKinds + (int)kind]);
        public long BodyFaults(BodyFaultKind kind) => Enum.GetValues<EndpointClass>().Sum(e => BodyFaults(e, kind));
        public long BodyFaults() => Sum(_bodyFaults);

        public TimeSpan InjectedLatency(EndpointClass endpoint) => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks[(int)endpoint]));
        public TimeSpan InjectedLatency() => TimeSpan.FromTicks(Sum(_latencyTicks));

        internal void CountRequest(EndpointClass endpoint) => Interlocked.Increment(ref _requests[(int)endpoint]);
        internal void CountThrottled(EndpointClass endpoint, ThrottleReason reason) => Interlocked.Increment(ref _throttled[(int)endpoint * Reasons + (int)reason]);
        internal void CountFault(EndpointClass endpoint, FaultKind kind) => Interlocked.Increment(ref _faults[(int)endpoint * Kinds + (int)kind]);
        internal void CountBodyFault(EndpointClass endpoint, BodyFaultKind kind) => Interlocked.Increment(ref _bodyFaults[(int)endpoint * BodyKinds + (int)kind]);
        internal void AddLatency(EndpointClass endpoint, TimeSpan latency) => Interlocked.Add(ref _latencyTicks[(int)endpoint], latency.Ticks);

        internal void Clear()
        {
            foreach (long[] counters in new[] { _requests, _throttled, _faults, _bodyFaults, _latencyTicks })
            {
                for (int i = 0; i < counters.Length; i++) Interlocked.Exchange(ref counters[i], 0);
            }
        }

        private static long Sum(long[] counters)
        {
            long total = 0;
            for (int i = 0; i < counters.Length; i++) total += Interlocked.Read(ref counters[i]);
            return total;
        }
    }
}
