using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>A posture kind as a snapshot reads it, whatever its output type: into the tallies of the subscriptions it belongs to.</summary>
    internal interface ISnapshotKind
    {
        /// <summary>The kind's noun: its failures' ErrorIds and the snapshot's failed kinds.</summary>
        string Noun { get; }

        /// <summary>Served by Microsoft.Security, so a subscription without the provider fails it like the others.</summary>
        bool IsSecurity { get; }

        bool InResourceGraph { get; }

        Task ReadOverArmAsync(PostureReader reader, SubscriptionAccumulator subscription, PostureAggregator aggregator, IScopeSink<PostureSnapshot> outer,
            CancellationToken cancellationToken);

        /// <summary>The kind for many subscriptions from Resource Graph; what it did for each subscription.</summary>
        Task<GraphCoverage> ReadFromGraphAsync(PostureReader reader, IReadOnlyList<DelegatedSubscription> subscriptions, int maxConcurrency,
            PostureAggregator aggregator, IScopeSink<PostureSnapshot> outer, CancellationToken cancellationToken);
    }
}
