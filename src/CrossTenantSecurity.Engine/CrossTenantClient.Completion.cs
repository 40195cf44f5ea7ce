using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Tenancy;

namespace CrossTenantSecurity.Engine
{
    /// <summary>
    /// What tab completion needs: the tenants and subscriptions this session knows, from the session cache.
    /// When the cache is cold, one listing is started and waited for at most <c>wait</c>; it carries on in the
    /// background past that and fills the cache, so the next Tab finds it instead of listing again.
    /// </summary>
    public partial class CrossTenantClient
    {
        private static readonly TimeSpan BackgroundListingLimit = TimeSpan.FromMinutes(1);

        /// <summary>Tenants related to the signed-in tenant; empty when the listing fails or takes longer than <paramref name="wait"/>.</summary>
        public virtual async Task<IReadOnlyList<Tenant>> GetKnownTenantsAsync(TimeSpan wait, CancellationToken cancellationToken = default)
        {
            Task<List<TenantRecord>> listing = _arm.Cache.GetOrAddAsync(TenantsCacheKey, () => InBackground(LoadTenantRecordsAsync));
            List<TenantRecord>? tenants = await WithinAsync(listing, wait, cancellationToken).ConfigureAwait(false);
            if (tenants is null) return Array.Empty<Tenant>();

            _arm.Cache.TryGet(SubscriptionsCacheKey, out List<SubscriptionRecord>? subscriptions);
            var counts = (subscriptions ?? new List<SubscriptionRecord>()).GroupBy(s => s.TenantId ?? Context.TenantId).ToDictionary(g => g.Key, g => g.Count());
            return ByTenantId(tenants).Values.Select(t => ToTenant(t, counts)).ToList();
        }

        /// <summary>
        /// Every subscription reachable from the signed-in tenant (home ones included), named after their tenant when
        /// the tenants are cached too; empty when the listing fails or takes longer than <paramref name="wait"/>.
        /// </summary>
        public virtual async Task<IReadOnlyList<DelegatedSubscription>> GetKnownSubscriptionsAsync(TimeSpan wait, CancellationToken cancellationToken = default)
        {
            Task<List<SubscriptionRecord>> listing = _arm.Cache.GetOrAddAsync(SubscriptionsCacheKey, () => InBackground(LoadSubscriptionRecordsAsync));
            List<SubscriptionRecord>? subscriptions = await WithinAsync(listing, wait, cancellationToken).ConfigureAwait(false);
            if (subscriptions is null) return Array.Empty<DelegatedSubscription>();

            _arm.Cache.TryGet(TenantsCacheKey, out List<TenantRecord>? tenants);
            Dictionary<Guid, TenantRecord> byId = ByTenantId(tenants ?? new List<TenantRecord>());
            return subscriptions.Select(s => ToDelegatedSubscription(s, byId)).ToList();
        }

        private async Task<List<SubscriptionRecord>> LoadSubscriptionRecordsAsync(Action<string> verbose, CancellationToken cancellationToken)
        {
            var result = new List<SubscriptionRecord>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (JsonElement item in _arm.ListAsync($"subscriptions?api-version={ApiVersions.Resources}", verbose, cancellationToken).ConfigureAwait(false))
            {
                if (SubscriptionRecord.Parse(item) is SubscriptionRecord record && seen.Add(record.SubscriptionId)) result.Add(record);
            }
            return result;
        }

        /// <summary>A listing that is not cancelled when the Tab that started it stops waiting; bounded on its own.</summary>
        private static async Task<T> InBackground<T>(Func<Action<string>, CancellationToken, Task<T>> load)
        {
            using var limit = new CancellationTokenSource(BackgroundListingLimit);
            return await load(_ => { }, limit.Token).ConfigureAwait(false);
        }

        /// <summary>The listing's result if it succeeds within <paramref name="wait"/>, else null (its failure observed, never thrown).</summary>
        private static async Task<T?> WithinAsync<T>(Task<T> listing, TimeSpan wait, CancellationToken cancellationToken) where T : class
        {
            _ = listing.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task finished = await Task.WhenAny(listing, Task.Delay(wait, stopWaiting.Token)).ConfigureAwait(false);
            stopWaiting.Cancel();
            return finished == listing && listing.Status == TaskStatus.RanToCompletion ? listing.Result : null;
        }
    }
}
