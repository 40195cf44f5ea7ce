using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.Tenancy
{
    /// <summary>The home-versus-managing rules, as pure functions.</summary>
    internal static class TenantClassifier
    {
        /// <summary>
        /// Delegated: home is another tenant and ours is among its managing tenants (Lighthouse).
        /// Home: the subscription's home is the signed-in tenant.
        /// Direct: anything else we can reach (guest access, or data from before the API returned tenantId).
        /// </summary>
        public static SubscriptionAccessType ClassifySubscription(Guid homeTenantId, IReadOnlyCollection<Guid> managedByTenantIds, Guid signedInTenantId)
        {
            if (homeTenantId == signedInTenantId) return SubscriptionAccessType.Home;
            foreach (Guid managing in managedByTenantIds)
            {
                if (managing == signedInTenantId) return SubscriptionAccessType.Delegated;
            }
            return SubscriptionAccessType.Direct;
        }

        /// <summary>Maps the API's tenantCategory; unknown values are kept by the caller, not failed.</summary>
        public static TenantRelationship ClassifyTenant(string? tenantCategory, Guid tenantId, Guid signedInTenantId)
        {
            if (string.Equals(tenantCategory, "Home", StringComparison.OrdinalIgnoreCase)) return TenantRelationship.Managing;
            if (string.Equals(tenantCategory, "ProjectedBy", StringComparison.OrdinalIgnoreCase)) return TenantRelationship.Customer;
            if (string.Equals(tenantCategory, "ManagedBy", StringComparison.OrdinalIgnoreCase)) return TenantRelationship.Provider;
            return tenantId == signedInTenantId ? TenantRelationship.Managing : TenantRelationship.Unknown;
        }
    }
}
