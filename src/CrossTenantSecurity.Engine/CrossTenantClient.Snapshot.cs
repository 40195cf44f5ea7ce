using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Snapshot;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Tenancy;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine
{
    /// <summary>The whole estate's posture in one pass.</summary>
    public partial class CrossTenantClient
    {
        private static readonly RecommendationFilter AnyAssessment = new RecommendationFilter { Statuses = Array.Empty<string>() };
        private static readonly AlertFilter AnyAlert = new AlertFilter();

        /// <summary>
        /// One fan-out over every subscription in scope that reads each posture kind of a subscription in one
        /// scope step (secure score, controls, assessments with metadata, alerts, Defender plans, regulatory
        /// compliance, delegations) and folds the rows into summaries as they arrive. Each kind of each
        /// subscription ends as data or as one failure, reported to <paramref name="sink"/> under the kind's own
        /// noun (SecureScore.NotRegistered) and kept in the snapshot. With <see cref="PostureSource.ResourceGraph"/>
        /// the Microsoft.Security kinds come from Resource Graph first and only what it did not return is read over
        /// ARM. The snapshot is the one result, sent when the last subscription is done.
        /// </summary>
        public virtual async Task GetPostureSnapshotAsync(PostureQuery query, bool includeDetail, IScopeSink<PostureSnapshot> sink, CancellationToken cancellationToken = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            if (sink is null) throw new ArgumentNullException(nameof(sink));
            DateTimeOffset takenAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var aggregator = new PostureAggregator(includeDetail);
            var progress = new SnapshotProgress(sink, aggregator);

            if (query.Source == PostureSource.ResourceGraph)
            {
                List<DelegatedSubscription> subscriptions = await ResolveScopesAsync(query, progress, cancellationToken).ConfigureAwait(false);
                foreach (DelegatedSubscription s in subscriptions) aggregator.Open(s);
                progress.Listed(subscriptions.Count);
                Dictionary<string, ISet<string>> covered = subscriptions.Count == 0 ? new Dictionary<string, ISet<string>>()
                    : await ReadSnapshotFromGraphAsync(subscriptions, query, aggregator, progress, cancellationToken).ConfigureAwait(false);
                await FanOutSubscriptionsAsync(query.WithSubscriptions(subscriptions), progress,
                    (s, ct) => ReadSubscriptionSnapshotAsync(s, aggregator, progress, kind => covered.TryGetValue(kind, out ISet<string>? ids) && ids.Contains(s.SubscriptionId), ct),
                    cancellationToken, null).ConfigureAwait(false);
            }
            else
            {
                // Arm and Auto: every kind over ARM (Auto would pick Resource Graph only for compliance controls, which a snapshot does not read).
                await FanOutSubscriptionsAsync(query, progress,
                    (s, ct) => ReadSubscriptionSnapshotAsync(s, aggregator, progress, _ => false, ct),
                    cancellationToken, progress.Listed).ConfigureAwait(false);
            }
            aggregator.CloseAll();
            clock.Stop();
            sink.OnResult(aggregator.Build(Context, query, takenAt, clock.Elapsed));
        }

        /// <summary>
        /// One subscription, every kind, in two lanes side by side: the paged lists (assessments, then alerts) in one, the short
        /// reads (score, controls, plans, standards, delegations) in the other. So at most two requests of a subscription are in
        /// flight (2 x -ThrottleLimit in all), and the long assessment chain no longer waits behind five short reads.
        /// </summary>
        private async Task ReadSubscriptionSnapshotAsync(DelegatedSubscription subscription, PostureAggregator aggregator, SnapshotProgress progress,
            Func<string, bool> alreadyRead, CancellationToken ct)
        {
            SubscriptionAccumulator acc = aggregator.Open(subscription);
            SubscriptionRef s = acc.Ref;
            ScopeFailure? notRegistered = null;

            async Task LaneAsync(IEnumerable<string> kinds)
            {
                foreach (string kind in kinds)
                {
                    try
                    {
                        if (alreadyRead(kind)) continue;
                        if (Volatile.Read(ref notRegistered) is { } known && PostureKind.IsSecurity(kind))
                        {
                            // The provider is not registered: every Microsoft.Security read fails alike, so no more are sent.
                            progress.OnFailure(aggregator.Fail(acc, kind, known));
                            continue;
                        }
                        await ReadKindAsync(kind, s, acc, aggregator, progress, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
                    {
                        ScopeFailure failure = await DescribeFailureAsync(subscription, e, progress.OnVerbose, ct).ConfigureAwait(false);
                        if (failure.Kind == ScopeFailureKind.NotRegistered && PostureKind.IsSecurity(kind)) Interlocked.CompareExchange(ref notRegistered, failure, null);
                        progress.OnFailure(aggregator.Fail(acc, kind, failure));
                    }
                    finally
                    {
                        progress.StepDone();
                    }
                }
            }

            try
            {
                await Task.WhenAll(LaneAsync(PostureKind.PagedLane), LaneAsync(PostureKind.ShortLane)).ConfigureAwait(false);
            }
            finally
            {
                if (!ct.IsCancellationRequested) aggregator.Close(acc);
            }
        }

        private async Task ReadKindAsync(string kind, SubscriptionRef s, SubscriptionAccumulator acc, PostureAggregator aggregator, IScopeSink<PostureSnapshot> outer, CancellationToken ct)
        {
            switch (kind)
            {
                case PostureKind.SecureScore:
                    if (await SecureScoreReader.ReadAsync(_arm, s, outer.OnVerbose, ct).ConfigureAwait(false) is { } score) aggregator.Add(acc, score);
                    break;
                case PostureKind.SecureScoreControl:
                    await SecureScoreControlReader.ReadAsync(_arm, s, new RowSink<SecureScoreControl>(outer, row => aggregator.Add(acc, row)), ct).ConfigureAwait(false);
                    break;
                case PostureKind.Recommendation when aggregator.KeepsDetail:
                    await RecommendationReader.ReadAsync(_arm, s, AnyAssessment, new RowSink<Recommendation>(outer, row => aggregator.Add(acc, row)), ct).ConfigureAwait(false);
                    break;
                case PostureKind.Recommendation:
                    // The bulk of the rows: counted straight from the JSON, with no Recommendation built for each.
                    await ScopeFallback.ListAsync(_arm, s, scope => $"{scope}/providers/Microsoft.Security/assessments?api-version={ApiVersions.Assessments}&$expand=metadata", outer,
                        item => acc.AddAssessment(Json.String(item, "name") ?? string.Empty,
                            Json.String(item, "properties", "displayName") ?? Json.String(item, "properties", "metadata", "displayName"),
                            SeverityText.Parse(Json.String(item, "properties", "metadata", "severity")),
                            Json.String(item, "properties", "status", "code")), ct).ConfigureAwait(false);
                    break;
                case PostureKind.Alert:
                    await AlertReader.ReadAsync(_arm, s, AnyAlert, new RowSink<Alert>(outer, row => aggregator.Add(acc, row)), ct).ConfigureAwait(false);
                    break;
                case PostureKind.DefenderPlan:
                    await DefenderPlanReader.ReadAsync(_arm, s, new RowSink<DefenderPlan>(outer, row => aggregator.Add(acc, row)), ct).ConfigureAwait(false);
                    break;
                case PostureKind.RegulatoryCompliance:
                    await ComplianceReader.ReadAsync(_arm, s, false, new RowSink<object>(outer, row =>
                    {
                        if (row is RegulatoryComplianceStandard standard) aggregator.Add(acc, standard);
                    }), ct).ConfigureAwait(false);
                    break;
                case PostureKind.Delegation:
                    await DelegationReader.ReadAsync(_arm, s, new RowSink<Delegation>(outer, row => aggregator.Add(acc, row)), ct).ConfigureAwait(false);
                    break;
            }
        }

        /// <summary>
        /// The Microsoft.Security kinds from Resource Graph, one type after another within its quota; returns, per kind,
        /// the subscriptions it returned rows for (the rest are read over ARM, so each still ends as data or a failure).
        /// </summary>
        private async Task<Dictionary<string, ISet<string>>> ReadSnapshotFromGraphAsync(List<DelegatedSubscription> subscriptions, PostureQuery query,
            PostureAggregator aggregator, IScopeSink<PostureSnapshot> outer, CancellationToken ct)
        {
            var graph = new GraphPosture(_arm, _graphQuota);
            var kinds = new (string Kind, string Type, Action<SubscriptionAccumulator, SubscriptionRef, JsonElement> OnRow)[]
            {
                (PostureKind.SecureScore, "microsoft.security/securescores", (a, s, row) =>
                {
                    if (string.Equals(Json.String(row, "name"), "ascScore", StringComparison.OrdinalIgnoreCase)) aggregator.Add(a, SecureScoreReader.Parse(s, row));
                }),
                (PostureKind.SecureScoreControl, "microsoft.security/securescores/securescorecontrols", (a, s, row) => aggregator.Add(a, SecureScoreControlReader.Parse(s, row))),
                (PostureKind.Recommendation, "microsoft.security/assessments", (a, s, row) => aggregator.Add(a, RecommendationReader.Parse(s, row))),
                (PostureKind.Alert, "microsoft.security/locations/alerts", (a, s, row) => aggregator.Add(a, AlertReader.Parse(s, row))),
                (PostureKind.DefenderPlan, "microsoft.security/pricings", (a, s, row) => aggregator.Add(a, DefenderPlanReader.Parse(s, row))),
                (PostureKind.RegulatoryCompliance, "microsoft.security/regulatorycompliancestandards", (a, s, row) => aggregator.Add(a, ComplianceReader.ParseStandard(s, row))),
            };
            var covered = new Dictionary<string, ISet<string>>(StringComparer.Ordinal);
            foreach (var (kind, type, onRow) in kinds)
            {
                covered[kind] = await graph.ReadAsync(subscriptions, type, query.MaxConcurrency, outer, (s, row) =>
                {
                    if (aggregator.Find(s.SubscriptionId) is { } acc) onRow(acc, s, row);
                }, ct).ConfigureAwait(false);
            }
            return covered;
        }

        /// <summary>Rows of one kind to an action; verbose notes and warnings to the command.</summary>
        private sealed class RowSink<T> : IScopeSink<T>
        {
            private readonly IScopeSink<PostureSnapshot> _outer;
            private readonly Action<T> _onRow;

            public RowSink(IScopeSink<PostureSnapshot> outer, Action<T> onRow)
            {
                _outer = outer;
                _onRow = onRow;
            }

            public void OnResult(T item) => _onRow(item);
            public void OnFailure(ScopeFailure failure) => _outer.OnFailure(failure);
            public void OnVerbose(string message) => _outer.OnVerbose(message);
            public void OnWarning(string message) => _outer.OnWarning(message);
            public void OnProgress(int done, int total) { }
        }

        /// <summary>
        /// The command's sink as the snapshot's fan-out sees it: counts subscriptions and kind reads for progress, and
        /// keeps failures that belong to no kind (an unknown -SubscriptionId, a subscription whose step failed outright).
        /// </summary>
        private sealed class SnapshotProgress : IScopeSink<PostureSnapshot>
        {
            private readonly IScopeSink<PostureSnapshot> _inner;
            private readonly PostureAggregator _aggregator;
            private int _listed, _subscriptionsDone, _stepsDone;

            public SnapshotProgress(IScopeSink<PostureSnapshot> inner, PostureAggregator aggregator)
            {
                _inner = inner;
                _aggregator = aggregator;
            }

            public void Listed(int count)
            {
                Volatile.Write(ref _listed, count);
                Report();
            }

            public void StepDone()
            {
                Interlocked.Increment(ref _stepsDone);
                Report();
            }

            public void OnResult(PostureSnapshot item) => _inner.OnResult(item);

            public void OnFailure(ScopeFailure failure)
            {
                if (failure.Noun is null) _aggregator.Fail(failure, "PostureSnapshot");
                _inner.OnFailure(failure);
            }

            public void OnVerbose(string message) => _inner.OnVerbose(message);
            public void OnWarning(string message) => _inner.OnWarning(message);

            /// <summary>From the fan-out: subscriptions done of those listed so far.</summary>
            public void OnProgress(int done, int total)
            {
                Volatile.Write(ref _subscriptionsDone, done);
                if (total > Volatile.Read(ref _listed)) Volatile.Write(ref _listed, total);
                Report();
            }

            private void Report()
            {
                int listed = Volatile.Read(ref _listed), done = Volatile.Read(ref _subscriptionsDone), steps = Volatile.Read(ref _stepsDone);
                int totalSteps = listed * PostureKind.All.Length;
                if (_inner is IStepProgressSink detailed) detailed.OnStepProgress(done, listed, Math.Min(steps, totalSteps), totalSteps);
                else _inner.OnProgress(done, listed);
            }
        }
    }
}
