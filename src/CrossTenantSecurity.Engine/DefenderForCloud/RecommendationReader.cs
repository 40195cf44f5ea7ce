using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>An assessment with its metadata (inline from $expand=metadata, or joined from the assessmentMetadata list).</summary>
    internal static class RecommendationReader
    {
        public static Recommendation Parse(SubscriptionRef s, JsonElement item)
        {
            string key = Json.RequiredString(item, "name");
            string? resourceId = Json.String(item, "properties", "resourceDetails", "id") ?? Json.String(item, "properties", "resourceDetails", "Id")
                ?? Json.String(item, "properties", "resourceDetails", "machineName");
            string? portal = Json.String(item, "properties", "links", "azurePortalUri")
                ?? $"https://portal.azure.com/#view/Microsoft_Azure_Security/GenericRecommendationDetailsBlade/assessmentKey/{key}";
            return new Recommendation(s, key,
                Json.String(item, "properties", "displayName") ?? Json.String(item, "properties", "metadata", "displayName"),
                Json.String(item, "properties", "metadata", "severity"),
                Json.RequiredString(item, "properties", "status", "code"),
                Json.String(item, "properties", "status", "cause"),
                Json.String(item, "properties", "status", "description"),
                resourceId,
                Json.Strings(item, "properties", "metadata", "categories"),
                Json.String(item, "properties", "metadata", "remediationDescription"),
                portal,
                Json.String(item, "id") ?? string.Empty);
        }
    }
}
