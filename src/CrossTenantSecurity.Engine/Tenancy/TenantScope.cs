using System;

namespace CrossTenantSecurity.Engine.Tenancy
{
    /// <summary>A tenant as a scope of work (tenant-level reads: Microsoft Graph, Defender for Endpoint), named when known.</summary>
    internal sealed record TenantScope(Guid TenantId, string? DisplayName, string? DefaultDomain)
    {
        public override string ToString() => DisplayName is null ? TenantId.ToString() : $"{DisplayName} ({TenantId})";
    }
}
