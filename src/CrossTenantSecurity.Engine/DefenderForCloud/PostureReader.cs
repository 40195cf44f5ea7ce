using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.ResourceGraph;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// Reads any <see cref="PostureKind{T}"/> from its description: over ARM for one subscription (one GET or a paged
    /// list, per resource group when the kind falls back there), or from Resource Graph for many subscriptions at once.
    /// Both hand every item through the same steps (the check against the kind's required fields, the filter's item test,
    /// the join of incomplete items, the parser, the filter's object test), so a kind gives the same objects from either
    /// source, and an answer that does not fit the kind gives none: its subscription fails as InvalidResponse.
    /// </summary>
    internal sealed class PostureReader
    {
        private readonly ArmGateway _arm;
        private readonly GraphPosture _graph;

        public PostureReader(ArmGateway arm, ResourceGraphQuotaGovernor graphQuota)
        {
            _arm = arm;
            _graph = new GraphPosture(arm, graphQuota);
        }

        /// <summary>One kind of one subscription over ARM, under <paramref name="parent"/> for a child kind, then its <paramref name="children"/> under each kept item.</summary>
        public async Task ReadOverArmAsync<T>(PostureKind<T> kind, PostureFilter<T> filter, SubscriptionRef subscription, IScopeSink<T> sink,
            CancellationToken cancellationToken, string? parent = null, IChildRead<T>? children = null)
        {
            List<T>? kept = children is null ? null : new List<T>();
            var incomplete = new List<JsonElement>();
            void OnItem(JsonElement item) => Accept(kind, filter, subscription, item, sink, kept, incomplete.Add);
            try
            {
                await FetchAsync(kind, subscription, parent, sink, OnItem, cancellationToken).ConfigureAwait(false);
            }
            catch (ArmRequestException e) when (e.Status == 404 && kind.OnNotFound is not null)
            {
                throw kind.OnNotFound(subscription, e);
            }
            await CompleteAsync(kind, filter, subscription, incomplete, sink, kept, cancellationToken).ConfigureAwait(false);
            if (children is not null) await children.ReadOverArmAsync(this, subscription, kept!, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// One kind for many subscriptions from Resource Graph: which subscriptions it returned rows for, and which returned a
        /// row that does not fit the kind. Resource Graph leaves out silently what it cannot show, so the caller reads the
        /// others over ARM.
        /// </summary>
        public async Task<GraphCoverage> ReadFromGraphAsync<T>(PostureKind<T> kind, PostureFilter<T> filter, IReadOnlyList<DelegatedSubscription> subscriptions,
            int maxConcurrency, IScopeSink<T> sink, CancellationToken cancellationToken)
        {
            string type = kind.GraphType ?? throw new InvalidOperationException($"{kind.Noun} is not in Resource Graph.");
            if (subscriptions.Count == 0) return GraphCoverage.Nothing;
            var incomplete = new ConcurrentDictionary<string, (SubscriptionRef Subscription, ConcurrentQueue<JsonElement> Items)>(StringComparer.OrdinalIgnoreCase);
            // A subscription's rows come from one batch, one page after another, so its first bad row wins and the rest are skipped.
            var invalid = new ConcurrentDictionary<string, InvalidResponseException>(StringComparer.OrdinalIgnoreCase);
            ISet<string> returned = await _graph.ReadAsync(subscriptions, type, maxConcurrency, sink, (subscription, row, requestId) =>
            {
                if (kind.GraphRows is { } isKind && !isKind(row)) return;
                if (invalid.ContainsKey(subscription.SubscriptionId)) return;
                if (ShapeCheck.Row(kind.Required, row, requestId, type) is { } bad)
                {
                    invalid.TryAdd(subscription.SubscriptionId, bad);
                    return;
                }
                Accept(kind, filter, subscription, row, sink, null,
                    item => incomplete.GetOrAdd(subscription.SubscriptionId, _ => (subscription, new ConcurrentQueue<JsonElement>())).Items.Enqueue(item));
            }, cancellationToken).ConfigureAwait(false);
            var complete = incomplete.Values.Where(pending => !invalid.ContainsKey(pending.Subscription.SubscriptionId));
            await Parallel.ForEachAsync(complete, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency), CancellationToken = cancellationToken },
                (pending, ct) => new ValueTask(CompleteAsync(kind, filter, pending.Subscription, pending.Items.ToList(), sink, null, ct))).ConfigureAwait(false);
            return new GraphCoverage(returned, invalid);
        }

        /// <summary>The kind's answer for one subscription over ARM, each item checked against the kind's shape before it is taken.</summary>
        private async Task FetchAsync<T>(PostureKind<T> kind, SubscriptionRef subscription, string? parent, IScopeSink<T> sink, Action<JsonElement> onItem,
            CancellationToken cancellationToken)
        {
            string scope = $"subscriptions/{subscription.SubscriptionId}";
            void OnPage(ListPage page)
            {
                ShapeCheck.Page(kind.Required, page);
                foreach (JsonElement item in page.Items) onItem(item);
            }

            if (kind.Shape == PostureShape.Single)
            {
                string path = kind.RequestPath(scope, parent);
                using JsonDocument document = await _arm.GetAsync(path, sink.OnVerbose, cancellationToken).ConfigureAwait(false);
                ShapeCheck.Document(kind.Required, document, path);
                onItem(document.RootElement);
            }
            else if (kind.ScopeFallback)
            {
                await ScopeFallback.ListAsync(_arm, subscription, s => kind.RequestPath(s, parent), sink, OnPage, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await foreach (ListPage page in _arm.ListPagesAsync(kind.RequestPath(scope, parent), sink.OnVerbose, cancellationToken).ConfigureAwait(false)) OnPage(page);
            }
        }

        /// <summary>An item through the filter's item test; then held back for the join if incomplete, or built and emitted.</summary>
        private static void Accept<T>(PostureKind<T> kind, PostureFilter<T> filter, SubscriptionRef subscription, JsonElement item, IScopeSink<T> sink,
            List<T>? kept, Action<JsonElement> holdBack)
        {
            if (!filter.Admits(item)) return;
            if (kind.Join is { } join && join.Lacks(item))
            {
                holdBack(item.Clone());
                return;
            }
            Emit(kind.Parse(subscription, item), filter, sink, kept);
        }

        private static void Emit<T>(T value, PostureFilter<T> filter, IScopeSink<T> sink, List<T>? kept)
        {
            if (!filter.Keeps(value)) return;
            sink.OnResult(value);
            kept?.Add(value);
        }

        /// <summary>
        /// The items held back for the join, once the subscription's lookup is read. If it cannot be read they are still
        /// returned, without the joined part, and one warning names the subscription.
        /// </summary>
        private async Task CompleteAsync<T>(PostureKind<T> kind, PostureFilter<T> filter, SubscriptionRef subscription, IReadOnlyCollection<JsonElement> incomplete,
            IScopeSink<T> sink, List<T>? kept, CancellationToken cancellationToken)
        {
            if (incomplete.Count == 0) return;
            IPostureJoin join = kind.Join!;
            IReadOnlyDictionary<string, JsonElement>? lookup = null;
            try
            {
                lookup = await join.LoadAsync(_arm, subscription, sink.OnVerbose, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArmRequestException or InvalidResponseException or Azure.RequestFailedException)
            {
                sink.OnWarning(join.DescribeFailure(subscription, e));
            }
            foreach (JsonElement item in incomplete)
            {
                Emit(kind.Parse(subscription, lookup is null ? item : join.Complete(item, lookup)), filter, sink, kept);
            }
        }
    }
}
