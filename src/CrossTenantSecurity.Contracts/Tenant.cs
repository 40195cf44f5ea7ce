using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>A tenant related to the signed-in tenant, as Tenants - List reports it.</summary>
    public sealed class Tenant
    {
        public Tenant(
            Guid tenantId,
            string? displayName,
            string? defaultDomain,
            IReadOnlyList<string> domains,
            string? category,
            TenantRelationship relationship,
            int subscriptionCount,
            string? countryCode,
            string? tenantType)
        {
            TenantId = tenantId;
            DisplayName = displayName;
            DefaultDomain = defaultDomain;
            Domains = ItemList.From(domains);
            Category = category;
            Relationship = relationship;
            SubscriptionCount = subscriptionCount;
            CountryCode = countryCode;
            TenantType = tenantType;
        }

        public Guid TenantId { get; }
        public string? DisplayName { get; }
        public string? DefaultDomain { get; }
        public ItemList<string> Domains { get; }
        /// <summary>The API's tenantCategory (Home, ProjectedBy, ManagedBy, or a value unknown today).</summary>
        public string? Category { get; }
        public TenantRelationship Relationship { get; }
        /// <summary>Subscriptions visible to the signed-in tenant whose home is this tenant.</summary>
        public int SubscriptionCount { get; }
        public string? CountryCode { get; }
        public string? TenantType { get; }

        public override string ToString() => $"{DisplayName ?? TenantId.ToString()} ({Relationship})";
    }
}
