namespace CrossTenantSecurity
{
    /// <summary>How the signed-in tenant reaches a subscription.</summary>
    /// <remarks>
    /// Every enum on an output type is based on long: PowerShell 7's ConvertTo-Json writes long-based enums by
    /// name (JavaScript numbers cannot hold every long), so JSON says "Delegated" without -EnumsAsStrings, while
    /// the value still compares, sorts and formats as the enum. ModuleObjectTests prove it on the pwsh in use.
    /// </remarks>
    public enum SubscriptionAccessType : long
    {
        /// <summary>Home tenant is another tenant and ours is in its managedByTenants (Azure Lighthouse).</summary>
        Delegated = 0,
        /// <summary>The subscription belongs to the signed-in tenant.</summary>
        Home,
        /// <summary>Reachable some other way, for example as a B2B guest in the home tenant.</summary>
        Direct,
    }
}
