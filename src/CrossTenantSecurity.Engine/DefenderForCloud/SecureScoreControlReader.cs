using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class SecureScoreControlReader
    {
        public static async Task ReadAsync(ArmGateway arm, SubscriptionRef s, IScopeSink<SecureScoreControl> sink, CancellationToken ct)
        {
            string path = $"subscriptions/{s.SubscriptionId}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls?api-version={ApiVersions.SecureScores}";
            await foreach (JsonElement item in arm.ListAsync(path, sink.OnVerbose, ct).ConfigureAwait(false))
            {
                sink.OnResult(Parse(s, item));
            }
        }

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
