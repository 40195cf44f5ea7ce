using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class AlertReader
    {
        public static async Task ReadAsync(ArmGateway arm, SubscriptionRef s, AlertFilter filter, IScopeSink<Alert> sink, CancellationToken ct)
        {
            await ScopeFallback.ListAsync(arm, s, scope => $"{scope}/providers/Microsoft.Security/alerts?api-version={ApiVersions.Alerts}", sink, item =>
            {
                Alert alert = Parse(s, item);
                if (filter.Keeps(alert)) sink.OnResult(alert);
            }, ct).ConfigureAwait(false);
        }

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
