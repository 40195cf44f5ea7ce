using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class SecureScoreControlReader
    {
        public static SecureScoreControl Parse(SubscriptionRef s, JsonElement item) =>
            new(s, Json.String(item, "name") ?? string.Empty, Json.String(item, "properties", "displayName"),
                Json.Double(item, "properties", "score", "current") ?? 0,
                Json.Double(item, "properties", "score", "max") ?? 0,
                System.Math.Round((Json.Double(item, "properties", "score", "percentage") ?? 0) * 100, 2),
                Json.Int(item, "properties", "healthyResourceCount"),
                Json.Int(item, "properties", "unhealthyResourceCount"),
                Json.Int(item, "properties", "notApplicableResourceCount"),
                Json.Long(item, "properties", "weight") ?? 0,
                Json.String(item, "id") ?? string.Empty);
    }
}
