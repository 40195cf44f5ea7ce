using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class AlertReader
    {
        public static Alert Parse(SubscriptionRef s, JsonElement item)
        {
            string id = Json.RequiredString(item, "id");
            return new Alert(s,
                Json.RequiredString(item, "name"),
                Json.String(item, "properties", "alertDisplayName"),
                Json.String(item, "properties", "severity"),
                Json.RequiredString(item, "properties", "status"),
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
