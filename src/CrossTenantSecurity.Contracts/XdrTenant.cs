using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>
    /// A customer tenant as Defender XDR reaches it: a Microsoft Graph token of its own (the tenant consented the
    /// application), the application permissions it carries, Defender for Endpoint's, and what is still missing.
    /// A tenant-level result: it has a tenant and no subscription.
    /// </summary>
    public sealed class XdrTenant
    {
        public XdrTenant(
            Guid tenantId,
            string? tenantName,
            string? defaultDomain,
            IReadOnlyList<string> graphPermissions,
            ServiceAccess defenderEndpointAccess,
            IReadOnlyList<string> defenderEndpointPermissions,
            IReadOnlyList<string> missingPermissions)
        {
            TenantId = tenantId;
            TenantName = tenantName;
            DefaultDomain = defaultDomain;
            GraphPermissions = ItemList.From(graphPermissions);
            DefenderEndpointAccess = defenderEndpointAccess;
            DefenderEndpointPermissions = ItemList.From(defenderEndpointPermissions);
            MissingPermissions = ItemList.From(missingPermissions);
        }

        public Guid TenantId { get; }
        public string? TenantName { get; }
        public string? DefaultDomain { get; }
        /// <summary>Microsoft Graph application permissions granted in this tenant (the token's roles).</summary>
        public ItemList<string> GraphPermissions { get; }
        public ServiceAccess DefenderEndpointAccess { get; }
        /// <summary>Defender for Endpoint (WindowsDefenderATP) application permissions granted in this tenant.</summary>
        public ItemList<string> DefenderEndpointPermissions { get; }
        /// <summary>Read permissions the XDR commands need that this tenant has not granted (a ReadWrite grant covers its Read).</summary>
        public ItemList<string> MissingPermissions { get; }
        /// <summary>Every XDR read can run here: nothing is missing and Defender for Endpoint issued a token.</summary>
        public bool Ready => MissingPermissions.Count == 0 && DefenderEndpointAccess == ServiceAccess.Granted;

        public override string ToString() => $"{TenantName ?? TenantId.ToString()} (Ready: {Ready})";
    }
}
