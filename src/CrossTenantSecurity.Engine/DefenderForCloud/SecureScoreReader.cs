using System.Text.Json;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class SecureScoreReader
    {
        public static SecureScore Parse(SubscriptionRef s, JsonElement item) =>
            new(s, Json.String(item, "name") ?? "ascScore", Json.String(item, "properties", "displayName"),
                Json.Double(item, "properties", "score", "current") ?? 0,
                Json.Double(item, "properties", "score", "max") ?? 0,
                System.Math.Round((Json.Double(item, "properties", "score", "percentage") ?? 0) * 100, 2),
                Json.Long(item, "properties", "weight") ?? 0,
                Json.String(item, "id") ?? string.Empty);

        /// <summary>A 404 on ascScore means Defender for Cloud has not computed the score yet.</summary>
        public static ArmRequestException NotReady(SubscriptionRef s, ArmRequestException notFound) =>
            new(404, "ScoreNotReady", $"Secure score has not been computed for subscription {s.SubscriptionId} yet ({notFound.Message})", notFound.RequestId);
    }
}
