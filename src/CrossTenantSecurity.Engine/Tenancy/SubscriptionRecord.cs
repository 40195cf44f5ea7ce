using System;
using System.Collections.Generic;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.Tenancy
{
    /// <summary>A subscription as Subscriptions - List returns it, before it is related to our tenant.</summary>
    internal sealed class SubscriptionRecord
    {
        public string SubscriptionId { get; private set; } = string.Empty;
        public string? DisplayName { get; private set; }
        public string? State { get; private set; }
        /// <summary>Home tenant; null when the API version or payload did not include it.</summary>
        public Guid? TenantId { get; private set; }
        public IReadOnlyList<Guid> ManagedByTenantIds { get; private set; } = Array.Empty<Guid>();
        public string? AuthorizationSource { get; private set; }
        public IReadOnlyDictionary<string, string> Tags { get; private set; } = new Dictionary<string, string>();

        /// <summary>Parses one item; returns null when it has no usable subscription id.</summary>
        public static SubscriptionRecord? Parse(JsonElement item)
        {
            string? id = Json.String(item, "subscriptionId") ?? IdFromResourceId(Json.String(item, "id"));
            if (!Guid.TryParse(id, out Guid subscriptionGuid)) return null;

            var managedBy = new List<Guid>();
            if (item.TryGetProperty("managedByTenants", out JsonElement tenants) && tenants.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement tenant in tenants.EnumerateArray())
                {
                    if (Guid.TryParse(Json.String(tenant, "tenantId"), out Guid managing) && !managedBy.Contains(managing)) managedBy.Add(managing);
                }
            }

            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (item.TryGetProperty("tags", out JsonElement tagObject) && tagObject.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty tag in tagObject.EnumerateObject()) tags[tag.Name] = tag.Value.ToString();
            }

            return new SubscriptionRecord
            {
                SubscriptionId = subscriptionGuid.ToString("D"),
                DisplayName = Json.String(item, "displayName"),
                State = Json.String(item, "state"),
                TenantId = Guid.TryParse(Json.String(item, "tenantId"), out Guid home) ? home : null,
                ManagedByTenantIds = managedBy,
                AuthorizationSource = Json.String(item, "authorizationSource"),
                Tags = tags,
            };
        }

        private static string? IdFromResourceId(string? resourceId)
        {
            const string prefix = "/subscriptions/";
            if (resourceId is null || !resourceId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
            string rest = resourceId.Substring(prefix.Length);
            int slash = rest.IndexOf('/');
            return slash < 0 ? rest : rest.Substring(0, slash);
        }
    }
}
