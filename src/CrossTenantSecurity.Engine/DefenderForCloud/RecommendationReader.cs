using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class RecommendationReader
    {
        /// <summary>Assessments with metadata expanded (severity lives on the metadata, not the assessment).</summary>
        public static async Task ReadAsync(ArmGateway arm, SubscriptionRef s, RecommendationFilter filter, IScopeSink<Recommendation> sink, CancellationToken ct)
        {
            await ScopeFallback.ListAsync(arm, s, scope => $"{scope}/providers/Microsoft.Security/assessments?api-version={ApiVersions.Assessments}&$expand=metadata", sink, item =>
            {
                Recommendation recommendation = Parse(s, item);
                if (filter.Keeps(recommendation.Status, recommendation.Severity)) sink.OnResult(recommendation);
            }, ct).ConfigureAwait(false);
        }

        public static Recommendation Parse(SubscriptionRef s, JsonElement item)
        {
            string key = Json.String(item, "name") ?? string.Empty;
            string? resourceId = Json.String(item, "properties", "resourceDetails", "id") ?? Json.String(item, "properties", "resourceDetails", "Id")
                ?? Json.String(item, "properties", "resourceDetails", "machineName");
            string? portal = Json.String(item, "properties", "links", "azurePortalUri")
                ?? $"https://portal.azure.com/#view/Microsoft_Azure_Security/GenericRecommendationDetailsBlade/assessmentKey/{key}";
            return new Recommendation(s, key,
                Json.String(item, "properties", "displayName") ?? Json.String(item, "properties", "metadata", "displayName"),
                Json.String(item, "properties", "metadata", "severity"),
                Json.String(item, "properties", "status", "code"),
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
