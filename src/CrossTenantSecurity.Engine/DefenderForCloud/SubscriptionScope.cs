using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Scopes;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// Subscriptions as the scope of posture reads: the subscription listing as a <see cref="ScopeSource{TScope}"/>,
    /// fanned out over while it is still listing (or over subscriptions already resolved), with every failed
    /// subscription described by <see cref="SubscriptionFailures"/>.
    /// </summary>
    internal sealed class SubscriptionScope
    {
        private readonly Func<SubscriptionQuery, ScopeSource<DelegatedSubscription>> _list;
        private readonly SubscriptionFailures _failures;
        private readonly Func<string, object, ScopeFailure> _notReachable;

        public SubscriptionScope(Func<SubscriptionQuery, ScopeSource<DelegatedSubscription>> list, SubscriptionFailures failures,
            Func<string, object, ScopeFailure> notReachable)
        {
            _list = list;
            _failures = failures;
            _notReachable = notReachable;
        }

        /// <summary>The failure every command gives for a subscription the signed-in tenant cannot reach (a read or a write).</summary>
        public ScopeFailure NotReachable(string subscriptionId, object target) => _notReachable(subscriptionId, target);

        /// <summary>The subscriptions in scope, listed to the end; unknown ids and tenants are reported to the sink, not dropped.</summary>
        public async Task<List<DelegatedSubscription>> ResolveAsync<T>(SubscriptionQuery scope, IScopeSink<T> sink, CancellationToken cancellationToken)
        {
            var collector = new ForwardingCollector<DelegatedSubscription, T>(sink);
            await _list(scope)(collector, cancellationToken).ConfigureAwait(false);
            return collector.Items;
        }

        /// <summary>
        /// Runs <paramref name="work"/> on each subscription of the query: the resolved ones, or each as the listing streams it in
        /// (then <paramref name="listed"/> learns the running count).
        /// </summary>
        public Task FanOutAsync<T>(PostureQuery query, IScopeSink<T> sink, Func<DelegatedSubscription, CancellationToken, Task> work, CancellationToken cancellationToken,
            Action<int>? listed = null) =>
            query.ResolvedSubscriptions is { } resolved
                ? FanOutAsync(resolved, query.MaxConcurrency, sink, work, cancellationToken)
                : StreamingFanOut.RunAsync(_list(query.Scope), query.MaxConcurrency, sink, work, ToFailure(sink), cancellationToken, listed);

        public Task FanOutAsync<T>(IReadOnlyList<DelegatedSubscription> subscriptions, int maxConcurrency, IScopeSink<T> sink,
            Func<DelegatedSubscription, CancellationToken, Task> work, CancellationToken cancellationToken) =>
            ScopeFanOut.RunAsync(subscriptions, maxConcurrency, sink, work, ToFailure(sink), cancellationToken);

        public Task<ScopeFailure> DescribeFailureAsync(DelegatedSubscription subscription, Exception exception, Action<string> verbose, CancellationToken cancellationToken) =>
            _failures.DescribeAsync(subscription, exception, verbose, cancellationToken);

        private Func<DelegatedSubscription, Exception, CancellationToken, Task<ScopeFailure>> ToFailure<T>(IScopeSink<T> sink) =>
            (s, e, ct) => _failures.DescribeAsync(s, e, sink.OnVerbose, ct);
    }
}
