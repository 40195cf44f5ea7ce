using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Session;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Tenancy
{
    /// <summary>
    /// Who the managing tenant reaches: related tenants (Tenants - List) and subscriptions (Subscriptions - List),
    /// classified as delegated or home, named after their tenant, de-duplicated, and cached for the session's next
    /// commands for a short while. Every tenant or subscription asked for by id ends as data or as one failure.
    /// </summary>
    internal sealed class TenancyService
    {
        private readonly ArmGateway _arm;
        private readonly Guid _managingTenant;

        public TenancyService(ArmGateway arm, Guid managingTenant)
        {
            _arm = arm;
            _managingTenant = managingTenant;
        }

        /// <summary>The signed-in tenant and every tenant related to it, with subscription counts; with <paramref name="wanted"/>, only those (each missing one is a failure).</summary>
        public async Task ListTenantsAsync(IReadOnlyCollection<Guid> wanted, IScopeSink<Tenant> sink, CancellationToken cancellationToken)
        {
            if (sink is null) throw new ArgumentNullException(nameof(sink));
            Task<List<TenantRecord>> tenantsTask = ListTenantRecordsAsync(sink, cancellationToken);
            Task<List<SubscriptionRecord>> subscriptionsTask = ListSubscriptionRecordsAsync(sink, cancellationToken);
            List<TenantRecord> tenants = await tenantsTask.ConfigureAwait(false);
            List<SubscriptionRecord> subscriptions = await subscriptionsTask.ConfigureAwait(false);

            var counts = subscriptions.GroupBy(s => s.TenantId ?? _managingTenant).ToDictionary(g => g.Key, g => g.Count());
            var filter = new HashSet<Guid>(wanted);
            var emitted = new HashSet<Guid>();
            void Emit(Tenant tenant)
            {
                if (filter.Count == 0 || filter.Contains(tenant.TenantId)) sink.OnResult(tenant);
            }
            foreach (TenantRecord t in tenants)
            {
                if (!emitted.Add(t.TenantId)) continue;
                Emit(ToTenant(t, counts));
            }
            // Tenants that own a reachable subscription but that Tenants - List did not return (e.g. guest access).
            foreach (KeyValuePair<Guid, int> count in counts.Where(c => emitted.Add(c.Key)))
            {
                Emit(new Tenant(count.Key, null, null, Array.Empty<string>(), null,
                    count.Key == _managingTenant ? TenantRelationship.Managing : TenantRelationship.Unknown, count.Value, null, null));
            }
            foreach (Guid missing in filter.Where(t => !emitted.Contains(t))) sink.OnFailure(TenantNotRelated(missing));
        }

        /// <summary>The failure every command gives for a subscription the signed-in tenant cannot reach.</summary>
        public ScopeFailure SubscriptionNotReachable(string subscriptionId, object target) =>
            new ScopeFailure(subscriptionId, ScopeFailureKind.NotFound, 404, "SubscriptionNotFound",
                $"Subscription '{subscriptionId}' is not reachable from tenant {_managingTenant}: it does not exist, or it is not delegated to this tenant.",
                "Check the id, and that the customer's Lighthouse delegation includes this subscription and your principal.", null, target);

        /// <summary>A tenant asked for by id that has delegated nothing to, and is not otherwise related to, the managing tenant.</summary>
        public ScopeFailure TenantNotRelated(Guid tenant) =>
            new ScopeFailure(tenant.ToString(), ScopeFailureKind.NotFound, 404, "TenantNotFound",
                $"Tenant {tenant} is not related to the signed-in tenant {_managingTenant}: it has delegated nothing to it.",
                "Run Get-CtTenant to list the customer tenants you can reach.", null, tenant);

        /// <summary>
        /// Tenants as scopes of tenant-level work. Tenants asked for by id are all kept, related or not (consent to a
        /// multi-tenant application needs no Lighthouse delegation), named when Tenants - List knows them; without ids,
        /// every Lighthouse customer tenant, and the managing tenant with <paramref name="includeHome"/>.
        /// </summary>
        public async Task ListTenantScopesAsync(IReadOnlyCollection<Guid> tenantIds, bool includeHome, IScopeSink<TenantScope> sink, CancellationToken cancellationToken)
        {
            // Names and relationships only: Tenants - List, without the subscription listing that Get-CtTenant counts with.
            Dictionary<Guid, TenantRecord> known = ByTenantId(await ListTenantRecordsAsync(sink, cancellationToken).ConfigureAwait(false));
            IEnumerable<Guid> wanted = tenantIds.Count > 0
                ? tenantIds.Distinct()
                : known.Values.Where(t => TenantClassifier.ClassifyTenant(t.Category, t.TenantId, _managingTenant) == TenantRelationship.Customer)
                    .Select(t => t.TenantId)
                    .Concat(includeHome ? new[] { _managingTenant } : Array.Empty<Guid>());
            foreach (Guid tenant in wanted)
            {
                known.TryGetValue(tenant, out TenantRecord? named);
                sink.OnResult(new TenantScope(tenant, named?.DisplayName, named?.DefaultDomain));
            }
        }

        /// <summary>Subscriptions reachable from the signed-in tenant, classified, named and de-duplicated.</summary>
        public async Task ListSubscriptionsAsync(SubscriptionQuery query, IScopeSink<DelegatedSubscription> sink, CancellationToken cancellationToken = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            if (sink is null) throw new ArgumentNullException(nameof(sink));

            Task<List<TenantRecord>> tenantsTask = ListTenantRecordsAsync(sink, cancellationToken);
            var tenantFilter = new HashSet<Guid>(query.TenantIds);
            var subscriptionFilter = new HashSet<string>(query.SubscriptionIds.Select(NormalizeId), StringComparer.OrdinalIgnoreCase);
            var seenSubscriptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var seenHomeTenants = new HashSet<Guid>();
            var emittedTenants = new HashSet<Guid>();
            var homeOnlyTenants = new HashSet<Guid>();
            var outsideTenantFilter = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
            Dictionary<Guid, TenantRecord>? tenants = null;

            await foreach (SubscriptionRecord record in SubscriptionRecordsAsync(sink.OnVerbose, cancellationToken).ConfigureAwait(false))
            {
                if (!seenSubscriptions.Add(record.SubscriptionId)) continue;
                Guid home = record.TenantId ?? _managingTenant;
                seenHomeTenants.Add(home);
                SubscriptionAccessType access = TenantClassifier.ClassifySubscription(home, record.ManagedByTenantIds, _managingTenant);

                if (subscriptionFilter.Count > 0 && !subscriptionFilter.Contains(record.SubscriptionId)) continue;
                if (tenantFilter.Count > 0 && !tenantFilter.Contains(home))
                {
                    if (subscriptionFilter.Count > 0) outsideTenantFilter[record.SubscriptionId] = home;
                    continue;
                }
                if (subscriptionFilter.Count == 0 && !query.IncludeHome && access != SubscriptionAccessType.Delegated)
                {
                    homeOnlyTenants.Add(home);
                    continue;
                }

                tenants ??= ByTenantId(await tenantsTask.ConfigureAwait(false));
                emittedTenants.Add(home);
                sink.OnResult(ToDelegatedSubscription(record, tenants));
            }

            // Nothing requested is silently dropped: every id asked for ends as data or as a failure that says why.
            foreach (string missing in subscriptionFilter.Where(id => !seenSubscriptions.Contains(id)))
            {
                sink.OnFailure(SubscriptionNotReachable(missing, missing));
            }
            foreach (KeyValuePair<string, Guid> excluded in outsideTenantFilter)
            {
                sink.OnFailure(new ScopeFailure(excluded.Key, ScopeFailureKind.NotInScope, null, "SubscriptionOutsideTenantFilter",
                    $"Subscription '{excluded.Key}' belongs to tenant {excluded.Value}, which is not among the tenants given with -TenantId; both filters apply, so it was not read.",
                    "Pass the subscription's own tenant with -TenantId, or leave -TenantId out.", null, excluded.Key));
            }
            if (tenantFilter.Count == 0) return;
            List<TenantRecord> known = await tenantsTask.ConfigureAwait(false);
            foreach (Guid tenant in tenantFilter.Where(t => !emittedTenants.Contains(t)))
            {
                TenantRecord? record = known.FirstOrDefault(k => k.TenantId == tenant);
                if (record is null && !seenHomeTenants.Contains(tenant)) sink.OnFailure(TenantNotRelated(tenant));
                else if (homeOnlyTenants.Contains(tenant)) sink.OnFailure(HomeTenantExcluded(tenant));
                else if (subscriptionFilter.Count > 0 && seenHomeTenants.Contains(tenant))
                    sink.OnFailure(new ScopeFailure(tenant.ToString(), ScopeFailureKind.NotInScope, null, "TenantOutsideSubscriptionFilter",
                        $"Tenant {tenant} owns none of the subscriptions given with -SubscriptionId; both filters apply, so none of its subscriptions was read.",
                        "Leave -SubscriptionId out to read the whole tenant, or pass subscriptions of this tenant.", null, tenant));
                else if (!seenHomeTenants.Contains(tenant))
                    sink.OnFailure(new ScopeFailure(tenant.ToString(), ScopeFailureKind.NotFound, null, "TenantDelegatesNoSubscription",
                        TenantClassifier.ClassifyTenant(record?.Category, tenant, _managingTenant) == TenantRelationship.Provider
                            ? $"Tenant {tenant} manages resources of yours (a Lighthouse provider); it delegates no subscription to you."
                            : $"Tenant {tenant} is related to the signed-in tenant {_managingTenant} but delegates no subscription you can see.",
                        "Run Get-CtTenant to see how each tenant relates to you; customers appear as Relationship Customer.", null, tenant));
            }
        }

        /// <summary>Subscriptions of the managing tenant (or reached directly) are left out unless -IncludeHome says otherwise.</summary>
        private ScopeFailure HomeTenantExcluded(Guid tenant) =>
            new ScopeFailure(tenant.ToString(), ScopeFailureKind.NotInScope, null, "HomeSubscriptionsExcluded",
                tenant == _managingTenant
                    ? $"Tenant {tenant} is your own (managing) tenant: its subscriptions are Home, not delegated, and are left out by default."
                    : $"The subscriptions of tenant {tenant} are reached directly, not through a Lighthouse delegation, and are left out by default.",
                "Add -IncludeHome to read them.", null, tenant);

        private async Task<List<TenantRecord>> ListTenantRecordsAsync<T>(IScopeSink<T> sink, CancellationToken cancellationToken)
        {
            try
            {
                return await _arm.Cache.GetOrAddAsync(TenantsCacheKey, () => LoadTenantRecordsAsync(sink.OnVerbose, cancellationToken)).ConfigureAwait(false);
            }
            catch (ArmRequestException e)
            {
                // Tenant names are a nicety; subscriptions still come back without them.
                sink.OnWarning($"Tenant names are unavailable: listing tenants failed ({e.Status} {e.ErrorCode}: {e.Message}).");
                return new List<TenantRecord>();
            }
            catch (InvalidResponseException e)
            {
                sink.OnWarning($"Tenant names are unavailable: {e.Message}");
                return new List<TenantRecord>();
            }
        }

        private async Task<List<TenantRecord>> LoadTenantRecordsAsync(Action<string> verbose, CancellationToken cancellationToken)
        {
            var result = new List<TenantRecord>();
            await foreach (JsonElement item in _arm.ListAsync($"tenants?api-version={ApiVersions.Resources}", verbose, cancellationToken).ConfigureAwait(false))
            {
                if (TenantRecord.Parse(item) is TenantRecord tenant) result.Add(tenant);
            }
            return result;
        }

        private async Task<List<SubscriptionRecord>> ListSubscriptionRecordsAsync<T>(IScopeSink<T> sink, CancellationToken cancellationToken)
        {
            var result = new List<SubscriptionRecord>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (SubscriptionRecord record in SubscriptionRecordsAsync(sink.OnVerbose, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(record.SubscriptionId)) result.Add(record);
            }
            return result;
        }

        private const string SubscriptionsCacheKey = "subscriptions";
        private const string TenantsCacheKey = "tenants";

        /// <summary>
        /// Subscriptions as ARM lists them, page by page as they arrive; a complete listing is kept for the
        /// session's next commands for a short while (Az keeps it for the whole session).
        /// </summary>
        private async IAsyncEnumerable<SubscriptionRecord> SubscriptionRecordsAsync(Action<string> verbose, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (_arm.Cache.TryGet(SubscriptionsCacheKey, out List<SubscriptionRecord>? cached))
            {
                verbose($"Using the {cached!.Count} subscription(s) listed in the last {SessionCache.DefaultLifetime.TotalMinutes:0} minutes.");
                foreach (SubscriptionRecord record in cached) yield return record;
                yield break;
            }
            var listed = new List<SubscriptionRecord>();
            await foreach (JsonElement item in _arm.ListAsync($"subscriptions?api-version={ApiVersions.Resources}", verbose, cancellationToken).ConfigureAwait(false))
            {
                if (SubscriptionRecord.Parse(item) is not SubscriptionRecord record) continue;
                listed.Add(record);
                yield return record;
            }
            _arm.Cache.Set(SubscriptionsCacheKey, listed);
        }

        private DelegatedSubscription ToDelegatedSubscription(SubscriptionRecord record, IReadOnlyDictionary<Guid, TenantRecord> tenants)
        {
            Guid home = record.TenantId ?? _managingTenant;
            tenants.TryGetValue(home, out TenantRecord? tenant);
            SubscriptionAccessType access = TenantClassifier.ClassifySubscription(home, record.ManagedByTenantIds, _managingTenant);
            return new DelegatedSubscription(record.SubscriptionId, record.DisplayName, record.State, home, tenant?.DisplayName,
                _managingTenant, record.ManagedByTenantIds, access, record.AuthorizationSource, record.Tags);
        }

        private static Dictionary<Guid, TenantRecord> ByTenantId(IEnumerable<TenantRecord> tenants) =>
            tenants.GroupBy(t => t.TenantId).ToDictionary(g => g.Key, g => g.First());

        private Tenant ToTenant(TenantRecord t, IReadOnlyDictionary<Guid, int> counts) =>
            new Tenant(t.TenantId, t.DisplayName, t.DefaultDomain, t.Domains, t.Category,
                TenantClassifier.ClassifyTenant(t.Category, t.TenantId, _managingTenant),
                counts.TryGetValue(t.TenantId, out int n) ? n : 0, t.CountryCode, t.TenantType);

        private static string NormalizeId(string id) => Guid.TryParse(id, out Guid g) ? g.ToString("D") : id;

        private static readonly TimeSpan BackgroundListingLimit = TimeSpan.FromMinutes(1);

        /// <summary>Tenants related to the signed-in tenant; empty when the listing fails or takes longer than <paramref name="wait"/>.</summary>
        public async Task<IReadOnlyList<Tenant>> GetKnownTenantsAsync(TimeSpan wait, CancellationToken cancellationToken = default)
        {
            Task<List<TenantRecord>> listing = _arm.Cache.GetOrAddAsync(TenantsCacheKey, () => InBackground(LoadTenantRecordsAsync));
            List<TenantRecord>? tenants = await WithinAsync(listing, wait, cancellationToken).ConfigureAwait(false);
            if (tenants is null) return Array.Empty<Tenant>();

            _arm.Cache.TryGet(SubscriptionsCacheKey, out List<SubscriptionRecord>? subscriptions);
            var counts = (subscriptions ?? new List<SubscriptionRecord>()).GroupBy(s => s.TenantId ?? _managingTenant).ToDictionary(g => g.Key, g => g.Count());
            return ByTenantId(tenants).Values.Select(t => ToTenant(t, counts)).ToList();
        }

        /// <summary>
        /// Every subscription reachable from the signed-in tenant (home ones included), named after their tenant when
        /// the tenants are cached too; empty when the listing fails or takes longer than <paramref name="wait"/>.
        /// </summary>
        public async Task<IReadOnlyList<DelegatedSubscription>> GetKnownSubscriptionsAsync(TimeSpan wait, CancellationToken cancellationToken = default)
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
        private async Task<T> InBackground<T>(Func<Action<string>, CancellationToken, Task<T>> load)
        {
            using var limit = new CancellationTokenSource(BackgroundListingLimit, _arm.Time);
            return await load(_ => { }, limit.Token).ConfigureAwait(false);
        }

        /// <summary>The listing's result if it succeeds within <paramref name="wait"/>, else null (its failure observed, never thrown).</summary>
        private async Task<T?> WithinAsync<T>(Task<T> listing, TimeSpan wait, CancellationToken cancellationToken) where T : class
        {
            _ = listing.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task finished = await Task.WhenAny(listing, Task.Delay(wait, _arm.Time, stopWaiting.Token)).ConfigureAwait(false);
            stopWaiting.Cancel();
            return finished == listing && listing.Status == TaskStatus.RanToCompletion ? listing.Result : null;
        }
    }
}
