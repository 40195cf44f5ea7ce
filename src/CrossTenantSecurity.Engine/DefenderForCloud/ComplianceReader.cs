using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class ComplianceReader
    {
        public static async Task ReadAsync(ArmGateway arm, SubscriptionRef s, bool includeControls, IScopeSink<object> sink, CancellationToken ct)
        {
            string path = $"subscriptions/{s.SubscriptionId}/providers/Microsoft.Security/regulatoryComplianceStandards?api-version={ApiVersions.RegulatoryCompliance}";
            var standards = new List<RegulatoryComplianceStandard>();
            await foreach (JsonElement item in arm.ListAsync(path, sink.OnVerbose, ct).ConfigureAwait(false))
            {
                RegulatoryComplianceStandard standard = ParseStandard(s, item);
                sink.OnResult(standard);
                standards.Add(standard);
            }
            if (!includeControls) return;
            foreach (RegulatoryComplianceStandard standard in standards)
            {
                string controls = $"subscriptions/{s.SubscriptionId}/providers/Microsoft.Security/regulatoryComplianceStandards/{Uri.EscapeDataString(standard.Standard)}/regulatoryComplianceControls?api-version={ApiVersions.RegulatoryCompliance}";
                await foreach (JsonElement item in arm.ListAsync(controls, sink.OnVerbose, ct).ConfigureAwait(false))
                {
                    sink.OnResult(ParseControl(s, standard.Standard, item));
                }
            }
        }

        /// <summary>The service writes states as "Failed" and as "failed"; normalise the four known ones, keep anything else.</summary>
        public static string? NormalizeState(string? state)
        {
            foreach (string known in new[] { "Passed", "Failed", "Skipped", "Unsupported" })
            {
                if (string.Equals(known, state, StringComparison.OrdinalIgnoreCase)) return known;
            }
            return state;
        }

        public static RegulatoryComplianceStandard ParseStandard(SubscriptionRef s, JsonElement item) =>
            new(s, Json.String(item, "name") ?? string.Empty, NormalizeState(Json.String(item, "properties", "state")),
                Json.Int(item, "properties", "passedControls"), Json.Int(item, "properties", "failedControls"),
                Json.Int(item, "properties", "skippedControls"), Json.Int(item, "properties", "unsupportedControls"),
                Json.String(item, "id") ?? string.Empty);

        public static RegulatoryComplianceControl ParseControl(SubscriptionRef s, string standard, JsonElement item) =>
            new(s, standard, Json.String(item, "name") ?? string.Empty, Json.String(item, "properties", "description"),
                NormalizeState(Json.String(item, "properties", "state")),
                Json.Int(item, "properties", "passedAssessments"), Json.Int(item, "properties", "failedAssessments"),
                Json.Int(item, "properties", "skippedAssessments"), Json.String(item, "id") ?? string.Empty);
    }
}
