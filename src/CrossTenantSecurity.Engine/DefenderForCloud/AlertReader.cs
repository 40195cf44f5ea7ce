using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class AlertReader
    {
        public static Alert Parse(SubscriptionRef s, JsonElement item)
        {
            string id = Json.String(item, "id") ?? string.Empty;
            return new Alert(s,
                Json.String(item, "name") ?? ArmId.LastSegment(id) ?? string.Empty,
                Json.String(item, "properties", "alertDisplayName"),
                Json.String(item, "properties", "severity"),
                Json.String(item, "properties", "status"),
                Json.Time(item, "properties", "startTimeUtc"),
                Json.String(item, "properties", "compromisedEntity"),
                Json.String(item, "properties", "alertType"),
                ArmId.SegmentAfter(id, "locations"),
                ArmId.SegmentAfter(id, "resourceGroups"),
                Json.String(item, "properties", "alertUri"),
                Json.String(item, "properties", "description"),
                Json.String(item, "properties", "intent"),
                id);
        }
    }
}
