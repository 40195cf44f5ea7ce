using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine
{
    /// <summary>Which customer tenants a Defender XDR command reaches.</summary>
    public sealed class XdrTenantQuery
    {
        /// <summary>
        /// These tenants, related to the managing tenant or not (a tenant that consented the application need not
        /// delegate anything through Lighthouse); empty means every Lighthouse customer tenant.
        /// </summary>
        public IReadOnlyCollection<Guid> TenantIds { get; set; } = Array.Empty<Guid>();
        /// <summary>Also the signed-in tenant itself.</summary>
        public bool IncludeHome { get; set; }
        public int MaxConcurrency { get; set; } = 16;
    }
}
