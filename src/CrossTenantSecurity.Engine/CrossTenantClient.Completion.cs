using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine
{
    /// <summary>What tab completion needs: the tenants and subscriptions this session knows (see TenancyService).</summary>
    public partial class CrossTenantClient
    {
        /// <summary>Tenants related to the signed-in tenant; empty when the listing fails or takes longer than <paramref name="wait"/>.</summary>
        public virtual Task<IReadOnlyList<Tenant>> GetKnownTenantsAsync(TimeSpan wait, CancellationToken cancellationToken = default) =>
            _tenancy.GetKnownTenantsAsync(wait, cancellationToken);

        /// <summary>Every subscription reachable from the signed-in tenant (home ones included); empty when the listing fails or is slower than <paramref name="wait"/>.</summary>
        public virtual Task<IReadOnlyList<DelegatedSubscription>> GetKnownSubscriptionsAsync(TimeSpan wait, CancellationToken cancellationToken = default) =>
            _tenancy.GetKnownSubscriptionsAsync(wait, cancellationToken);
    }
}
