using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>A kind listed under each item of a parent kind (the controls of each standard): the child's description and the parent's name in its path.</summary>
    internal sealed class ChildKind<TParent, TChild>
    {
        public required PostureKind<TChild> Kind { get; init; }
        public required Func<TParent, string> ParentName { get; init; }

        /// <summary>Reads the children with their own filter into their own sink.</summary>
        public IChildRead<TParent> Read(PostureFilter<TChild> filter, IScopeSink<TChild> sink) => new Reading(this, filter, sink);

        private sealed class Reading : IChildRead<TParent>
        {
            private readonly ChildKind<TParent, TChild> _child;
            private readonly PostureFilter<TChild> _filter;
            private readonly IScopeSink<TChild> _sink;

            public Reading(ChildKind<TParent, TChild> child, PostureFilter<TChild> filter, IScopeSink<TChild> sink)
            {
                _child = child;
                _filter = filter;
                _sink = sink;
            }

            public bool PreferGraph => _child.Kind.PreferGraph;

            public async Task ReadOverArmAsync(PostureReader reader, SubscriptionRef subscription, IReadOnlyList<TParent> parents, CancellationToken cancellationToken)
            {
                foreach (TParent parent in parents)
                {
                    await reader.ReadOverArmAsync(_child.Kind, _filter, subscription, _sink, cancellationToken, _child.ParentName(parent)).ConfigureAwait(false);
                }
            }

            public Task<GraphCoverage> ReadFromGraphAsync(PostureReader reader, IReadOnlyList<DelegatedSubscription> subscriptions, int maxConcurrency, CancellationToken cancellationToken) =>
                reader.ReadFromGraphAsync(_child.Kind, _filter, subscriptions, maxConcurrency, _sink, cancellationToken);
        }
    }
}
