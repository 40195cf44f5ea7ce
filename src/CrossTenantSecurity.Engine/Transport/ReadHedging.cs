using System;
using System.Collections.Concurrent;
using System.Threading;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// When to send another identical GET for a read that is late ("hedged requests", as in "The Tail at Scale" and
    /// the Cosmos DB SDK's availability strategy), and how many such requests the session can afford. Microsoft.Security
    /// list pages usually answer in about a second but now and then take up to a minute, and a connection may hang
    /// without a word until the per-try timeout; a fan-out then waits on its slowest read. Hedging never cuts a slow
    /// request: the first answer wins and the other is cancelled only then.
    /// <para>
    /// A read is late once its current try has taken longer than the 99th percentile of the same kind of read in this
    /// session. A kind seen fewer than <see cref="MinimumSamples"/> times uses twice its 90th percentile (from
    /// <see cref="EarlySamples"/> on), or else twice the 99th percentile over all reads; before the session has seen
    /// that many reads at all, a tenth of the per-try timeout (10 s at the default 100 s).
    /// The threshold is looked up again while the read waits, so a read sent before anything was known is judged by
    /// what the session has learned since.
    /// </para>
    /// <para>
    /// The budget earns one hedge per <see cref="RequestsPerHedge"/> reads, so hedges stay a small share of the traffic
    /// when everything slows down together (the percentile then rises with it, and a hedge is as slow as the request it
    /// doubles). What goes wrong one request at a time grows it: a hedge that answers first earns more than it cost, and
    /// a try that ran out of the per-try timeout earns one, so a run where many tries hang can hedge them all. A late read
    /// that finds the budget empty keeps waiting for it. Never more than <see cref="MaximumShare"/> of the reads are hedged.
    /// </para>
    /// </summary>
    internal sealed class ReadHedging
    {
        /// <summary>Reads of one kind seen before that kind's own percentile is used: a percentile from fewer is noise.</summary>
        public const int MinimumSamples = 64;

        /// <summary>Reads of one kind seen before that kind's own 90th percentile is used.</summary>
        public const int EarlySamples = 16;

        /// <summary>The budget earns one hedge per this many reads (2%).</summary>
        public const int RequestsPerHedge = 50;

        /// <summary>Hedges one read may send: a second one when the first hedge hangs in turn.</summary>
        public const int MaximumHedgesPerRead = 2;

        /// <summary>The most hedges the session sends, as a share of its reads, however much goes wrong.</summary>
        public const double MaximumShare = 0.2;

        /// <summary>Before any latency is known, a read is late after this fraction of the per-try timeout.</summary>
        public const double NoHistoryShareOfTimeout = 0.1;

        /// <summary>
        /// Never sooner than this: below it, a second request saves little, and a fast, steady service (a local emulator,
        /// a test) would see hedges set off by a garbage collection.
        /// </summary>
        public static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(200);

        private const double Percentile = 0.99;
        private const double EarlyPercentile = 0.9;
        private const double MaximumSavedHedges = 20;
        private const double WinEarns = 1.5;
        private static readonly TimeSpan NoTimeoutThreshold = TimeSpan.FromSeconds(10);

        private readonly ConcurrentDictionary<(CloudService, RequestScopeKind, string), LatencyWindow> _windows = new();
        private readonly LatencyWindow _allReads = new();
        private readonly TimeSpan _noHistoryThreshold;
        private readonly object _budgetLock = new();
        private double _budget = 1;
        private long _reads;
        private long _hedges;
        private long _hedgeWins;

        /// <param name="enabled">Off: no read is ever sent twice.</param>
        /// <param name="networkTimeout">The per-try timeout, whose tenth is the threshold before any latency is known.</param>
        public ReadHedging(bool enabled, TimeSpan networkTimeout)
        {
            Enabled = enabled;
            _noHistoryThreshold = networkTimeout > TimeSpan.Zero ? networkTimeout * NoHistoryShareOfTimeout : NoTimeoutThreshold;
        }

        public bool Enabled { get; }

        /// <summary>Second requests sent.</summary>
        public long Hedges => Interlocked.Read(ref _hedges);

        /// <summary>Second requests that answered first.</summary>
        public long HedgeWins => Interlocked.Read(ref _hedgeWins);

        /// <summary>A read starts: it earns the budget its share of a hedge.</summary>
        public void NoteRead()
        {
            Interlocked.Increment(ref _reads);
            Earn(1.0 / RequestsPerHedge);
        }

        /// <summary>How long a try of this kind of read may be in flight before it is worth another request.</summary>
        public TimeSpan Threshold(RequestScope scope)
        {
            _windows.TryGetValue(KindOf(scope), out LatencyWindow? window);
            TimeSpan? learned = window?.Quantile(Percentile, MinimumSamples);
            // A kind seen a few times (50 subscriptions' alerts) estimates its tail from its 90th percentile, doubled: for
            // the log-normal latencies of ARM reads that is about the 99th.
            learned ??= window?.Quantile(EarlyPercentile, EarlySamples) * 2;
            // A kind barely seen borrows the session's tail over every read, doubled: kinds differ, and the budget bounds a wrong guess.
            learned ??= _allReads.Quantile(Percentile, MinimumSamples) * 2;
            TimeSpan after = learned ?? _noHistoryThreshold;
            return after > MinimumDelay ? after : MinimumDelay;
        }

        /// <summary>Whether a hedge could start now (<see cref="TryStartHedge"/> decides).</summary>
        public bool CanHedge
        {
            get
            {
                lock (_budgetLock) return _budget >= 1 && WithinShare();
            }
        }

        /// <summary>Takes one hedge from the budget, if there is one.</summary>
        public bool TryStartHedge()
        {
            lock (_budgetLock)
            {
                if (_budget < 1 || !WithinShare()) return false;
                _budget -= 1;
                _hedges++;
            }
            return true;
        }

        /// <summary>
        /// A hedge answered before the request it doubled: that request was hung or in the tail. The hedge earns itself back
        /// and half another: where requests hang one at a time nearly every hedge wins and the budget grows with them;
        /// where everything is slow together about half do, and the budget shrinks back to its base rate.
        /// </summary>
        public void NoteHedgeWon()
        {
            Interlocked.Increment(ref _hedgeWins);
            Earn(WinEarns);
        }

        /// <summary>Tries of a read ran out of the per-try timeout: each earns a hedge for the reads to come.</summary>
        public void NoteTimedOut(int tries) => Earn(tries);

        /// <summary>Records how long a read took that answered by itself.</summary>
        public void Record(RequestScope scope, TimeSpan elapsed)
        {
            if (!Enabled) return;
            _windows.GetOrAdd(KindOf(scope), _ => new LatencyWindow()).Add(elapsed);
            _allReads.Add(elapsed);
        }

        /// <summary>
        /// Records a read whose hedge answered first: its first request took at least the threshold it was hedged at, and
        /// its kind records exactly that, so that hedging does not hide the tail it reacts to. Not more: a hung request
        /// has no latency, and if what hedging cut short raised the threshold it was judged by, a run where many requests
        /// hang would ratchet its threshold up past the per-try timeout (and through the doubled borrowing, the faster).
        /// </summary>
        public void RecordOutrun(RequestScope scope, TimeSpan threshold)
        {
            if (!Enabled) return;
            _windows.GetOrAdd(KindOf(scope), _ => new LatencyWindow()).Add(threshold);
        }

        /// <summary>
        /// The kind of a read, from its scope: the service, the kind of scope and what is asked of it, so all subscriptions'
        /// assessment pages are one kind and their secure scores another.
        /// </summary>
        public static (CloudService, RequestScopeKind, string) KindOf(RequestScope scope) => (scope.Service, scope.Kind, scope.Operation);

        private bool WithinShare() => Interlocked.Read(ref _hedges) < 1 + (MaximumShare * Interlocked.Read(ref _reads));

        private void Earn(double hedges)
        {
            lock (_budgetLock) _budget = Math.Min(MaximumSavedHedges, _budget + hedges);
        }
    }
}
