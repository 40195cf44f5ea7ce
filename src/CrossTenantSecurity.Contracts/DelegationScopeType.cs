using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>Where a Lighthouse delegation applies.</summary>
    public enum DelegationScopeType : long
    {
        Subscription = 0,
        ResourceGroup,
    }
}
