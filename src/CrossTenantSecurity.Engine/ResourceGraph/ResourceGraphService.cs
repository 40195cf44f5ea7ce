using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.DefenderForCloud;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>
    /// Your own KQL over the subscriptions in scope (resolved like the posture commands, never widened to every
    /// subscription the token sees), in batches of at most 1,000 explicit subscription ids, 1,000 rows per page,
    /// following $skipToken, paced to the principal's quota. One failed batch is one failure; other batches still return rows.
    /// </summary>
    internal sealed class ResourceGraphService
    {
        private readonly ArmGateway _arm;
        private readonly ResourceGraphQuotaGovernor _quota;
        private readonly SubscriptionScope _subscriptions;

        public ResourceGraphService(ArmGateway arm, ResourceGraphQuotaGovernor quota, SubscriptionScope subscriptions)
        {
            _arm = arm;
            _quota = quota;
            _subscriptions = subscriptions;
        }

        /// <summary>First wait after a 429 that names no reset (tests shorten it).</summary>
        public TimeSpan FallbackBackoff { get; set; } = TimeSpan.FromSeconds(1);

        public async Task QueryAsync(ResourceGraphQuery query, IScopeSink<IReadOnlyDictionary<string, object?>> sink, CancellationToken cancellationToken)
        {
            List<DelegatedSubscription> subscriptions = await _subscriptions.ResolveAsync(query.Scope, sink, cancellationToken).ConfigureAwait(false);
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
            var reader = new ResourceGraphReader(_arm, _quota) { FallbackBackoff = FallbackBackoff };
            sink.OnVerbose($"Resource Graph: {subscriptions.Count} subscriptions in {batches.Count} batch(es), {pageSize} rows per page.");

            await ScopeFanOut.RunAsync(batches, query.MaxConcurrency, sink,
                (batch, ct) => reader.ReadBatchAsync(batch, query.Query, pageSize, budget, sink, ct),
                (batch, e, ct) => Task.FromResult(FailureMapper.ToFailure(batch.Describe(), e, batch.SubscriptionIds)),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
