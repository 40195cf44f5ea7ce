namespace CrossTenantSecurity
{
    /// <summary>How the signed-in tenant reaches a subscription.</summary>
    public enum SubscriptionAccessType
    {
        /// <summary>Home tenant is another tenant and ours is in its managedByTenants (Azure Lighthouse).</summary>
        Delegated = 0,
        /// <summary>The subscription belongs to the signed-in tenant.</summary>
        Home,
        /// <summary>Reachable some other way, for example as a B2B guest in the home tenant.</summary>
        Direct,
    }
}
