namespace CrossTenantSecurity
{
    /// <summary>How a tenant relates to the signed-in (managing) tenant.</summary>
    public enum TenantRelationship : long
    {
        /// <summary>Category not recognised; the raw value is kept in <see cref="Tenant.Category"/>.</summary>
        Unknown = 0,
        /// <summary>The signed-in tenant itself (tenantCategory Home).</summary>
        Managing,
        /// <summary>A tenant that delegates resources to us through Lighthouse (tenantCategory ProjectedBy).</summary>
        Customer,
        /// <summary>A tenant that manages our resources through Lighthouse (tenantCategory ManagedBy).</summary>
        Provider,
    }
}
