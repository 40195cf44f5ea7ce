using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.ResourceGraph;

namespace CrossTenantSecurity.Engine
{
    /// <summary>Resource Graph (KQL) queries over the subscriptions in scope, paced to the principal's quota.</summary>
    public partial class CrossTenantClient
    {
        /// <summary>One per client, because the quota is per principal: every query and batch of this session waits on it, on the session's clock.</summary>
        private readonly ResourceGraphQuotaGovernor _graphQuota;

        /// <summary>First wait after a 429 that names no reset (tests shorten it).</summary>
        internal TimeSpan ResourceGraphFallbackBackoff { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// Runs <see cref="ResourceGraphQuery.Query"/> over the subscriptions in scope (resolved like the posture
        /// commands), in batches of at most 1,000 explicit subscription ids, 1,000 rows per page, following
        /// $skipToken. Rows stream to the sink as they arrive, as ordered dictionaries of plain .NET values
        /// (string, long, double, bool, null, nested dictionaries and lists). One failed batch is one
        /// <see cref="ScopeFailure"/>; other batches still return rows.
        /// </summary>
        public virtual async Task QueryResourceGraphAsync(ResourceGraphQuery query, IScopeSink<IReadOnlyDictionary<string, object?>> sink, CancellationToken cancellationToken = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            if (sink is null) throw new ArgumentNullException(nameof(sink));
            if (string.IsNullOrWhiteSpace(query.Query)) throw new ArgumentException("The query is empty.", nameof(query));
            if (query.First is <= 0) throw new ArgumentOutOfRangeException(nameof(query), "First must be at least 1.");

            List<DelegatedSubscription> subscriptions = await ResolveScopesAsync(
                new PostureQuery { Scope = query.Scope, MaxConcurrency = query.MaxConcurrency }, sink, cancellationToken).ConfigureAwait(false);
            if (subscriptions.Count == 0)
            {
                // Without subscriptions[] Resource Graph would query every subscription the token sees: never widen the scope.
                sink.OnWarning("No subscription is in scope, so the Resource Graph query was not sent.");
                return;
            }

            IReadOnlyList<ResourceGraphBatch> batches = ResourceGraphBatch.Split(
                subscriptions.Select(s => s.SubscriptionId).ToList(), ResourceGraphApi.MaxSubscriptionsPerRequest);
            int pageSize = Math.Min(ResourceGraphApi.MaxPageSize, query.First ?? ResourceGraphApi.MaxPageSize);
            var budget = new RowBudget(query.First);
            var reader = new ResourceGraphReader(_arm, _graphQuota) { FallbackBackoff = ResourceGraphFallbackBackoff };
            sink.OnVerbose($"Resource Graph: {subscriptions.Count} subscriptions in {batches.Count} batch(es), {pageSize} rows per page.");

            await ScopeFanOut.RunAsync(batches, query.MaxConcurrency, sink,
                (batch, ct) => reader.ReadBatchAsync(batch, query.Query, pageSize, budget, sink, ct),
                (batch, e, ct) => Task.FromResult(FailureMapper.ToFailure(batch.Describe(), e, batch.SubscriptionIds)),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
