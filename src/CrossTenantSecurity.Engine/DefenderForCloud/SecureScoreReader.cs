using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class SecureScoreReader
    {
        /// <summary>GET ascScore: one call. A 404 means Defender for Cloud has not computed the score yet.</summary>
        public static async Task<SecureScore?> ReadAsync(ArmGateway arm, SubscriptionRef s, System.Action<string> verbose, CancellationToken ct)
        {
            try
            {
                using JsonDocument doc = await arm.GetAsync($"subscriptions/{s.SubscriptionId}/providers/Microsoft.Security/secureScores/ascScore?api-version={ApiVersions.SecureScores}", verbose, ct).ConfigureAwait(false);
                return Parse(s, doc.RootElement);
            }
            catch (ArmRequestException e) when (e.Status == 404)
            {
                throw new ArmRequestException(404, "ScoreNotReady", $"Secure score has not been computed for subscription {s.SubscriptionId} yet ({e.Message})", e.RequestId);
            }
        }

        public static SecureScore Parse(SubscriptionRef s, JsonElement item) =>
            new(s, Json.String(item, "name") ?? "ascScore", Json.String(item, "properties", "displayName"),
                Json.Double(item, "properties", "score", "current") ?? 0,
                Json.Double(item, "properties", "score", "max") ?? 0,
                System.Math.Round((Json.Double(item, "properties", "score", "percentage") ?? 0) * 100, 2),
                Json.Long(item, "properties", "weight") ?? 0,
                Json.String(item, "id") ?? string.Empty);
    }
}
