using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.ResourceGraph;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// Reads one posture type from Resource Graph's securityresources table. Rows carry the same properties
    /// as the REST resources, so the same parsers turn them into output objects. Resource Graph silently
    /// leaves out what it cannot show (a provider not registered, a role without the read), so the caller
    /// learns which subscriptions returned rows and reads the rest over ARM, where each ends as data or a
    /// typed failure: results and errors are the same whichever source is used.
    /// </summary>
    internal sealed class GraphPosture
    {
        private const int Partitions = 4;
        private const int MinimumPartitionSize = 25;
        private readonly ArmGateway _arm;
        private readonly ResourceGraphQuotaGovernor _quota;

        public GraphPosture(ArmGateway arm, ResourceGraphQuotaGovernor quota)
        {
            _arm = arm;
            _quota = quota;
        }

        /// <summary>
        /// Rows of <paramref name="type"/> for the subscriptions, each with the request id of its page; returns the ids of the
        /// subscriptions that had at least one.
        /// </summary>
        public async Task<ISet<string>> ReadAsync<T>(IReadOnlyList<DelegatedSubscription> subscriptions, string type, int maxConcurrency, IScopeSink<T> sink,
            Action<SubscriptionRef, JsonElement, string?> onRow, CancellationToken cancellationToken)
        {
            var bySubscription = subscriptions.ToDictionary(s => s.SubscriptionId, SubscriptionRef.From, StringComparer.OrdinalIgnoreCase);
            var covered = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            // order by id before project: stable pages, and the service can stream in id order instead of sorting.
            string kql = $"securityresources | where type == '{type}' | order by id asc | project id, name, type, subscriptionId, properties";
            var reader = new ResourceGraphReader(_arm, _quota);
            var quiet = new FailuresAsVerbose<T>(sink);
            // One $skipToken chain is sequential, so split the scope into a few partitions that page side by side
            // within the quota (performance-model.md), never more than 1,000 subscriptions each.
            int partitions = Math.Max(1, Math.Min(Partitions, subscriptions.Count / MinimumPartitionSize));
            int batchSize = Math.Min(ResourceGraphApi.MaxSubscriptionsPerRequest, (int)Math.Ceiling(subscriptions.Count / (double)partitions));
            IReadOnlyList<ResourceGraphBatch> batches = ResourceGraphBatch.Split(bySubscription.Keys.ToList(), batchSize);
            sink.OnVerbose($"Resource Graph: {type} for {subscriptions.Count} subscription(s) in {batches.Count} batch(es).");

            await ScopeFanOut.RunAsync(batches, maxConcurrency, quiet,
                (batch, ct) => reader.ReadBatchAsync(batch, kql, ResourceGraphApi.MaxPageSize, new RowBudget(null), quiet, (row, requestId) =>
                {
                    if (Json.String(row, "subscriptionId") is { } id && bySubscription.TryGetValue(id, out SubscriptionRef? subscription))
                    {
                        covered[subscription.SubscriptionId] = true;
                        onRow(subscription, row, requestId);
                    }
                }, ct),
                // A failed batch is not lost: its subscriptions have no rows, so they are read over ARM.
                (batch, e, ct) => Task.FromResult(FailureMapper.ToFailure(batch.Describe(), e)),
                cancellationToken).ConfigureAwait(false);
            return new HashSet<string>(covered.Keys, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Batch failures become verbose notes; the subscriptions concerned are retried over ARM.</summary>
        private sealed class FailuresAsVerbose<T> : IScopeSink<T>
        {
            private readonly IScopeSink<T> _inner;
            public FailuresAsVerbose(IScopeSink<T> inner) => _inner = inner;
            public void OnResult(T item) => _inner.OnResult(item);
            public void OnFailure(ScopeFailure failure) => _inner.OnVerbose($"Resource Graph {failure.Scope} failed ({failure.Kind}: {failure.Message}); reading it over ARM.");
            public void OnVerbose(string message) => _inner.OnVerbose(message);
            public void OnWarning(string message) => _inner.OnWarning(message);
            public void OnProgress(int done, int total) { }
        }
    }
}
