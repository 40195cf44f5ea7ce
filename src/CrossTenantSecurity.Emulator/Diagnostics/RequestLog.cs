using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace CrossTenantSecurity.Emulator.Diagnostics
{
    /// <summary>
    /// One request as the emulator saw it. Never holds a token or a secret. <paramref name="Outcome"/> is null when the
    /// endpoint answered, else what the behaviour layer did ("throttled:Arm", "fault:Hang", "bodyfault:NullValue", ...).
    /// </summary>
    public sealed record RequestLogEntry(DateTimeOffset Time, string Method, string Path, string Query, int Status, string? CallerObjectId, double DurationMs,
        string? Outcome = null, double InjectedLatencyMs = 0);

    /// <summary>Recent requests and counters, for tests and benchmarks.</summary>
    public sealed class RequestLog
    {
        private readonly ConcurrentQueue<RequestLogEntry> _entries = new();
        private readonly int _capacity;
        private long _total;
        private long _inFlight;
        private long _peakInFlight;

        public RequestLog(int capacity = 100_000) => _capacity = capacity;

        public long Total => Interlocked.Read(ref _total);
        public long InFlight => Interlocked.Read(ref _inFlight);
        public long PeakInFlight => Interlocked.Read(ref _peakInFlight);

        /// <summary>Latency, throttling and fault counters of the behaviour layer.</summary>
        public BehaviourCounters Behaviour { get; } = new();

        public IReadOnlyList<RequestLogEntry> Entries => _entries.ToArray();

        public int Count(Func<RequestLogEntry, bool> predicate) => _entries.Count(predicate);

        internal void Started()
        {
            long now = Interlocked.Increment(ref _inFlight);
            long peak;
            while (now > (peak = Interlocked.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak) { }
        }

        internal void Finished(RequestLogEntry entry)
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _total);
            _entries.Enqueue(entry);
            while (_entries.Count > _capacity && _entries.TryDequeue(out _)) { }
        }

        public void Clear()
        {
            while (_entries.TryDequeue(out _)) { }
            Interlocked.Exchange(ref _total, 0);
            Interlocked.Exchange(ref _peakInFlight, Interlocked.Read(ref _inFlight));
            Behaviour.Clear();
        }
    }
}
