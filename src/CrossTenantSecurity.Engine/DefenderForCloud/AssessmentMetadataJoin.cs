using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// Severity, categories and remediation live on an assessment's metadata, not on the assessment. Items listed
    /// without <c>properties.metadata</c> (Microsoft's own Assessments_List example has them; Resource Graph rows may
    /// too) get it from the subscription's assessmentMetadata list, whose item name is the assessment key.
    /// </summary>
    internal sealed class AssessmentMetadataJoin : IPostureJoin
    {
        public static readonly AssessmentMetadataJoin Instance = new AssessmentMetadataJoin();

        private AssessmentMetadataJoin()
        {
        }

        public bool Lacks(JsonElement item) => Json.Get(item, "properties", "metadata") is null;

        public async Task<IReadOnlyDictionary<string, JsonElement>> LoadAsync(ArmGateway arm, SubscriptionRef subscription, Action<string> verbose,
            CancellationToken cancellationToken) =>
            await arm.Cache.GetOrAddAsync($"assessmentmetadata:{subscription.SubscriptionId}", async () =>
            {
                verbose($"{subscription}: assessments without inline metadata; reading the subscription's assessment metadata.");
                var metadata = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
                string path = $"subscriptions/{subscription.SubscriptionId}/providers/Microsoft.Security/assessmentMetadata?api-version={ApiVersions.AssessmentMetadata}";
                await foreach (JsonElement item in arm.ListAsync(path, verbose, cancellationToken).ConfigureAwait(false))
                {
                    if (Json.String(item, "name") is { Length: > 0 } key && Json.Get(item, "properties") is { } properties) metadata[key] = properties;
                }
                return metadata;
            }).ConfigureAwait(false);

        public JsonElement Complete(JsonElement item, IReadOnlyDictionary<string, JsonElement> lookup)
        {
            if (Json.String(item, "name") is not { } key || !lookup.TryGetValue(key, out JsonElement metadata)) return item;
            JsonObject assessment = JsonNode.Parse(item.GetRawText())!.AsObject();
            if (assessment["properties"] is not JsonObject properties) assessment["properties"] = properties = new JsonObject();
            properties["metadata"] = JsonNode.Parse(metadata.GetRawText());
            using JsonDocument joined = JsonDocument.Parse(assessment.ToJsonString());
            return joined.RootElement.Clone();
        }

        public string DescribeFailure(SubscriptionRef subscription, Exception exception)
        {
            string reason = exception is ArmRequestException arm ? $"{arm.Status} {arm.ErrorCode}: {arm.Message}" : exception.Message;
            return $"The assessment metadata of {subscription} of {subscription.TenantName ?? subscription.TenantId.ToString()} could not be read ({reason}). " +
                "Its recommendations that came without metadata are returned without severity, categories or remediation, and a severity filter does not match them.";
        }
    }
}
