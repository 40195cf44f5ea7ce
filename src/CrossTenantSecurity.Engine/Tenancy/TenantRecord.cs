using System;
using System.Collections.Generic;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.Tenancy
{
    /// <summary>A tenant as Tenants - List returns it.</summary>
    internal sealed class TenantRecord
    {
        public Guid TenantId { get; private set; }
        public string? DisplayName { get; private set; }
        public string? DefaultDomain { get; private set; }
        public IReadOnlyList<string> Domains { get; private set; } = Array.Empty<string>();
        public string? Category { get; private set; }
        public string? CountryCode { get; private set; }
        public string? TenantType { get; private set; }

        public static TenantRecord? Parse(JsonElement item)
        {
            if (!Guid.TryParse(Json.String(item, "tenantId"), out Guid tenantId)) return null;
            var domains = new List<string>();
            if (item.TryGetProperty("domains", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement domain in list.EnumerateArray())
                {
                    if (domain.ValueKind == JsonValueKind.String && domain.GetString() is { Length: > 0 } name) domains.Add(name);
                }
            }
            return new TenantRecord
            {
                TenantId = tenantId,
                DisplayName = Json.String(item, "displayName"),
                DefaultDomain = Json.String(item, "defaultDomain"),
                Domains = domains,
                Category = Json.String(item, "tenantCategory"),
                CountryCode = Json.String(item, "countryCode"),
                TenantType = Json.String(item, "tenantType"),
            };
        }
    }
}
