using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>
    /// The whole estate's posture in one pass: one fan-out over every subscription in scope that reads each kind of
    /// <see cref="SnapshotKinds"/> of a subscription in one scope step and folds the rows into summaries as they arrive.
    /// Each kind of each subscription ends as data or as one failure, reported under the kind's own noun
    /// (SecureScore.NotRegistered) and kept in the snapshot. With <see cref="PostureSource.ResourceGraph"/> the kinds
    /// Resource Graph holds come from it first and only what it did not return is read over ARM. The snapshot is the one
    /// result, sent when the last subscription is done.
    /// </summary>
    internal sealed class PostureSnapshotService
    {
        private readonly PostureReader _reader;
        private readonly SubscriptionScope _subscriptions;

        private readonly TimeProvider _time;

        public PostureSnapshotService(PostureReader reader, SubscriptionScope subscriptions, TimeProvider time)
        {
            _reader = reader;
            _subscriptions = subscriptions;
            _time = time;
        }

        public async Task GetAsync(Context context, PostureQuery query, bool includeDetail, IScopeSink<PostureSnapshot> sink, CancellationToken cancellationToken)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            if (sink is null) throw new ArgumentNullException(nameof(sink));
            DateTimeOffset takenAt = _time.GetUtcNow();
            long started = _time.GetTimestamp();
            var aggregator = new PostureAggregator(includeDetail);
            var kinds = new SnapshotKinds(aggregator.KeepsDetail);
            var progress = new SnapshotProgress(sink, aggregator, kinds.All.Count);

            if (query.Source == PostureSource.ResourceGraph)
            {
                List<DelegatedSubscription> subscriptions = await _subscriptions.ResolveAsync(query.Scope, progress, cancellationToken).ConfigureAwait(false);
                foreach (DelegatedSubscription s in subscriptions) aggregator.Open(s);
                progress.Listed(subscriptions.Count);
                Dictionary<ISnapshotKind, GraphCoverage> covered = subscriptions.Count == 0 ? new Dictionary<ISnapshotKind, GraphCoverage>()
                    : await ReadFromGraphAsync(kinds, subscriptions, query, aggregator, progress, cancellationToken).ConfigureAwait(false);
                await _subscriptions.FanOutAsync(query.WithSubscriptions(subscriptions), progress,
                    (s, ct) => ReadSubscriptionAsync(kinds, s, aggregator, progress, kind => covered.GetValueOrDefault(kind), ct),
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Arm and Auto: every kind over ARM (Auto would pick Resource Graph only for compliance controls, which a snapshot does not read).
                await _subscriptions.FanOutAsync(query, progress,
                    (s, ct) => ReadSubscriptionAsync(kinds, s, aggregator, progress, _ => null, ct),
                    cancellationToken, progress.Listed).ConfigureAwait(false);
            }
            aggregator.CloseAll();
            sink.OnResult(aggregator.Build(context, query, takenAt, _time.GetElapsedTime(started)));
        }

        /// <summary>
        /// One subscription, every kind, in two lanes side by side: the paged lists (assessments, then alerts) in one, the short
        /// reads (score, controls, plans, standards, delegations) in the other. So at most two requests of a subscription are in
        /// flight (2 x -ThrottleLimit in all), and the long assessment chain no longer waits behind five short reads.
        /// </summary>
        private async Task ReadSubscriptionAsync(SnapshotKinds kinds, DelegatedSubscription subscription, PostureAggregator aggregator, SnapshotProgress progress,
            Func<ISnapshotKind, GraphCoverage?> fromGraph, CancellationToken ct)
        {
            SubscriptionAccumulator acc = aggregator.Open(subscription);
            ScopeFailure? notRegistered = null;

            async Task LaneAsync(IEnumerable<ISnapshotKind> lane)
            {
                foreach (ISnapshotKind kind in lane)
                {
                    try
                    {
                        if (fromGraph(kind) is { } coverage)
                        {
                            coverage.ThrowIfInvalid(subscription.SubscriptionId);
                            if (coverage.Covers(subscription.SubscriptionId)) continue;
                        }
                        if (Volatile.Read(ref notRegistered) is { } known && kind.IsSecurity)
                        {
                            // The provider is not registered: every Microsoft.Security read fails alike, so no more are sent.
                            progress.OnFailure(aggregator.Fail(acc, kind.Noun, known));
                            continue;
                        }
                        await kind.ReadOverArmAsync(_reader, acc, aggregator, progress, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
                    {
                        ScopeFailure failure = await _subscriptions.DescribeFailureAsync(subscription, e, progress.OnVerbose, ct).ConfigureAwait(false);
                        if (failure.Kind == ScopeFailureKind.NotRegistered && kind.IsSecurity) Interlocked.CompareExchange(ref notRegistered, failure, null);
                        progress.OnFailure(aggregator.Fail(acc, kind.Noun, failure));
                    }
                    finally
                    {
                        progress.StepDone();
                    }
                }
            }

            try
            {
                await Task.WhenAll(LaneAsync(kinds.PagedLane), LaneAsync(kinds.ShortLane)).ConfigureAwait(false);
            }
            finally
            {
                if (!ct.IsCancellationRequested) aggregator.Close(acc);
            }
        }

        /// <summary>
        /// The kinds Resource Graph holds, one type after another within its quota; returns, per kind, what it did for each
        /// subscription (the rest are read over ARM, and rows that did not fit fail their subscription, so each still ends as
        /// data or a failure).
        /// </summary>
        private async Task<Dictionary<ISnapshotKind, GraphCoverage>> ReadFromGraphAsync(SnapshotKinds kinds, List<DelegatedSubscription> subscriptions, PostureQuery query,
            PostureAggregator aggregator, IScopeSink<PostureSnapshot> outer, CancellationToken ct)
        {
            var covered = new Dictionary<ISnapshotKind, GraphCoverage>();
            foreach (ISnapshotKind kind in kinds.InResourceGraph)
            {
                covered[kind] = await kind.ReadFromGraphAsync(_reader, subscriptions, query.MaxConcurrency, aggregator, outer, ct).ConfigureAwait(false);
            }
            return covered;
        }
    }
}
