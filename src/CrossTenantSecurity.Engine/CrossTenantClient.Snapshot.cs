using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Snapshot;

namespace CrossTenantSecurity.Engine
{
    /// <summary>The whole estate's posture in one pass: the facade over <see cref="PostureSnapshotService"/>.</summary>
    public partial class CrossTenantClient
    {
        private PostureSnapshotService? _snapshots;

        private PostureSnapshotService Snapshots => LazyInitializer.EnsureInitialized(ref _snapshots, () => new PostureSnapshotService(PostureReader, Subscriptions, _arm.Time));

        /// <summary>
        /// One fan-out over every subscription in scope that reads each posture kind of a subscription in one
        /// scope step (secure score, controls, assessments with metadata, alerts, Defender plans, regulatory
        /// compliance, delegations) and folds the rows into summaries as they arrive. Each kind of each
        /// subscription ends as data or as one failure, reported to <paramref name="sink"/> under the kind's own
        /// noun (SecureScore.NotRegistered) and kept in the snapshot. With <see cref="PostureSource.ResourceGraph"/>
        /// the Microsoft.Security kinds come from Resource Graph first and only what it did not return is read over
        /// ARM. The snapshot is the one result, sent when the last subscription is done.
        /// </summary>
        public virtual Task GetPostureSnapshotAsync(PostureQuery query, bool includeDetail, IScopeSink<PostureSnapshot> sink, CancellationToken cancellationToken = default) =>
            Snapshots.GetAsync(Context, query, includeDetail, sink, cancellationToken);
    }
}
