using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.ResourceGraph;

namespace CrossTenantSecurity.Engine
{
    /// <summary>Resource Graph (KQL) queries over the subscriptions in scope, paced to the principal's quota.</summary>
    public partial class CrossTenantClient
    {
        /// <summary>One per client, because the quota is per principal: every query and batch of this session waits on it, on the session's clock.</summary>
        private readonly ResourceGraphQuotaGovernor _graphQuota;
        private ResourceGraphService? _resourceGraph;

        private ResourceGraphService ResourceGraph => LazyInitializer.EnsureInitialized(ref _resourceGraph, () => new ResourceGraphService(_arm, _graphQuota, Subscriptions));

        /// <summary>First wait after a 429 that names no reset (tests shorten it).</summary>
        internal TimeSpan ResourceGraphFallbackBackoff
        {
            get => ResourceGraph.FallbackBackoff;
            set => ResourceGraph.FallbackBackoff = value;
        }

        /// <summary>
        /// Runs <see cref="ResourceGraphQuery.Query"/> over the subscriptions in scope. Rows stream to the sink as they arrive,
        /// as ordered dictionaries of plain .NET values (string, long, double, bool, null, nested dictionaries and lists).
        /// </summary>
        public virtual Task QueryResourceGraphAsync(ResourceGraphQuery query, IScopeSink<IReadOnlyDictionary<string, object?>> sink, CancellationToken cancellationToken = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            if (sink is null) throw new ArgumentNullException(nameof(sink));
            if (string.IsNullOrWhiteSpace(query.Query)) throw new ArgumentException("The query is empty.", nameof(query));
            if (query.First is <= 0) throw new ArgumentOutOfRangeException(nameof(query), "First must be at least 1.");
            return ResourceGraph.QueryAsync(query, sink, cancellationToken);
        }
    }
}
