using System.Text.Json;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>The score of a subscription; its numbers are required (<see cref="PostureKinds.SecureScore"/>), never read as 0 when absent.</summary>
    internal static class SecureScoreReader
    {
        public static SecureScore Parse(SubscriptionRef s, JsonElement item) =>
            new(s, Json.String(item, "name") ?? "ascScore", Json.String(item, "properties", "displayName"),
                Json.RequiredDouble(item, "properties", "score", "current"),
                Json.RequiredDouble(item, "properties", "score", "max"),
                System.Math.Round(Json.RequiredDouble(item, "properties", "score", "percentage") * 100, 2),
                Json.RequiredLong(item, "properties", "weight"),
                Json.String(item, "id") ?? string.Empty);

        /// <summary>A 404 on ascScore means Defender for Cloud has not computed the score yet.</summary>
        public static ArmRequestException NotReady(SubscriptionRef s, ArmRequestException notFound) =>
            new(404, "ScoreNotReady", $"Secure score has not been computed for subscription {s.SubscriptionId} yet ({notFound.Message})", notFound.RequestId);
    }
}
