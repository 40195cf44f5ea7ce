using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>A <see cref="PostureKind{T}"/> and how each of its objects is added to its subscription's tallies.</summary>
    internal sealed class SnapshotKind<T> : ISnapshotKind where T : SubscriptionScoped
    {
        private readonly PostureKind<T> _kind;
        private readonly Action<PostureAggregator, SubscriptionAccumulator, T> _add;

        public SnapshotKind(PostureKind<T> kind, Action<PostureAggregator, SubscriptionAccumulator, T> add)
        {
            _kind = kind;
            _add = add;
        }

        public string Noun => _kind.Noun;
        public bool IsSecurity => _kind.IsSecurity;
        public bool InResourceGraph => _kind.GraphType is not null;

        public Task ReadOverArmAsync(PostureReader reader, SubscriptionAccumulator subscription, PostureAggregator aggregator, IScopeSink<PostureSnapshot> outer,
            CancellationToken cancellationToken) =>
            reader.ReadOverArmAsync(_kind, PostureFilter<T>.All, subscription.Ref, new RowSink<T>(outer, row => _add(aggregator, subscription, row)), cancellationToken);

        public Task<GraphCoverage> ReadFromGraphAsync(PostureReader reader, IReadOnlyList<DelegatedSubscription> subscriptions, int maxConcurrency,
            PostureAggregator aggregator, IScopeSink<PostureSnapshot> outer, CancellationToken cancellationToken) =>
            reader.ReadFromGraphAsync(_kind, PostureFilter<T>.All, subscriptions, maxConcurrency, new RowSink<T>(outer, row =>
            {
                if (aggregator.Find(row.SubscriptionId) is { } subscription) _add(aggregator, subscription, row);
            }), cancellationToken);
    }
}
