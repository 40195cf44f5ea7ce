using System;
using System.Collections.Concurrent;
using System.Threading;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// When to send a second, identical GET for a read that is late ("hedged requests", as in "The Tail at Scale" and
    /// the Cosmos DB SDK's availability strategy). Microsoft.Security list pages usually answer in about a second but
    /// now and then take up to a minute; a fan-out then waits on its slowest page. A read is hedged once it has taken
    /// longer than the 99th percentile of the same kind of read in this session, at most once, and only while the
    /// budget allows: one hedge per <see cref="RequestsPerHedge"/> reads, so hedges stay a small share of the traffic
    /// even when everything slows down together (then the percentile rises with it). A kind seen fewer than
    /// <see cref="MinimumSamples"/> times uses twice the 99th percentile over all reads instead.
    /// </summary>
    internal sealed class ReadHedging
    {
        /// <summary>Reads of one kind seen before that kind is ever hedged: a percentile from fewer is noise.</summary>
        public const int MinimumSamples = 64;

        /// <summary>The budget earns one hedge per this many reads (2%).</summary>
        public const int RequestsPerHedge = 50;

        /// <summary>
        /// Never sooner than this: below it, a second request saves little, and a fast, steady service (a local emulator,
        /// a test) would see hedges set off by a garbage collection.
        /// </summary>
        public static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(200);

        private const double Percentile = 0.99;
        private const double MaximumSavedHedges = 20;

        private readonly ConcurrentDictionary<(CloudService, RequestScopeKind, string), LatencyWindow> _windows = new();
        private readonly LatencyWindow _allReads = new();
        private readonly object _budgetLock = new();
        private double _budget = 1;
        private long _hedges;
        private long _hedgeWins;

        public ReadHedging(bool enabled) => Enabled = enabled;

        public bool Enabled { get; }

        /// <summary>Second requests sent.</summary>
        public long Hedges => Interlocked.Read(ref _hedges);

        /// <summary>Second requests that answered first.</summary>
        public long HedgeWins => Interlocked.Read(ref _hedgeWins);

        /// <summary>
        /// How long a read of this kind may take before it is worth a second request; null while unknown or disabled.
        /// Call it once per read: each call also earns the budget its share of a hedge.
        /// </summary>
        public TimeSpan? DelayFor(RequestScope scope)
        {
            if (!Enabled) return null;
            Earn();
            TimeSpan? delay = _windows.TryGetValue(KindOf(scope), out LatencyWindow? window) ? window.Quantile(Percentile, MinimumSamples) : null;
            // A kind not seen often enough yet (50 subscriptions' alerts) borrows the session's tail over every read, doubled:
            // kinds differ, and the budget bounds a wrong guess.
            delay ??= _allReads.Quantile(Percentile, MinimumSamples) * 2;
            if (delay is not TimeSpan after) return null;
            return after > MinimumDelay ? after : MinimumDelay;
        }

        /// <summary>Takes one hedge from the budget, if there is one.</summary>
        public bool TryStartHedge()
        {
            lock (_budgetLock)
            {
                if (_budget < 1) return false;
                _budget -= 1;
            }
            Interlocked.Increment(ref _hedges);
            return true;
        }

        public void NoteHedgeWon() => Interlocked.Increment(ref _hedgeWins);

        /// <summary>
        /// Records how long a read took. When a hedge answered first, the first request's time so far is recorded
        /// instead, a lower bound of its real latency, so that hedging does not hide the tail it reacts to.
        /// </summary>
        public void Record(RequestScope scope, TimeSpan elapsed)
        {
            if (!Enabled) return;
            _windows.GetOrAdd(KindOf(scope), _ => new LatencyWindow()).Add(elapsed);
            _allReads.Add(elapsed);
        }

        /// <summary>
        /// The kind of a read, from its scope: the service, the kind of scope and what is asked of it, so all subscriptions'
        /// assessment pages are one kind and their secure scores another.
        /// </summary>
        public static (CloudService, RequestScopeKind, string) KindOf(RequestScope scope) => (scope.Service, scope.Kind, scope.Operation);

        private void Earn()
        {
            lock (_budgetLock) _budget = Math.Min(MaximumSavedHedges, _budget + 1.0 / RequestsPerHedge);
        }
    }
}
