using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class SecureScoreControlReader
    {
        public static SecureScoreControl Parse(SubscriptionRef s, JsonElement item) =>
            new(s, Json.RequiredString(item, "name"), Json.String(item, "properties", "displayName"),
                Json.RequiredDouble(item, "properties", "score", "current"),
                Json.RequiredDouble(item, "properties", "score", "max"),
                System.Math.Round(Json.RequiredDouble(item, "properties", "score", "percentage") * 100, 2),
                Json.RequiredInt(item, "properties", "healthyResourceCount"),
                Json.RequiredInt(item, "properties", "unhealthyResourceCount"),
                Json.RequiredInt(item, "properties", "notApplicableResourceCount"),
                Json.RequiredLong(item, "properties", "weight"),
                Json.String(item, "id") ?? string.Empty);
    }
}
