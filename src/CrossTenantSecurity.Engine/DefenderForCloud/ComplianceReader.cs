using System;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    internal static class ComplianceReader
    {
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

        /// <summary>A control; its standard is read from its id, the same from ARM and from Resource Graph.</summary>
        public static RegulatoryComplianceControl ParseControl(SubscriptionRef s, JsonElement item) =>
            new(s, StandardOf(item), Json.String(item, "name") ?? string.Empty, Json.String(item, "properties", "description"),
                NormalizeState(Json.String(item, "properties", "state")),
                Json.Int(item, "properties", "passedAssessments"), Json.Int(item, "properties", "failedAssessments"),
                Json.Int(item, "properties", "skippedAssessments"), Json.String(item, "id") ?? string.Empty);

        /// <summary>The standard a control belongs to: the segment after regulatoryComplianceStandards in its id.</summary>
        public static string StandardOf(JsonElement control) =>
            ArmId.SegmentAfter(Json.String(control, "id"), "regulatoryComplianceStandards") ?? string.Empty;
    }
}
