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
            new(s, Json.RequiredString(item, "name"), NormalizeState(Json.RequiredString(item, "properties", "state")),
                Json.RequiredInt(item, "properties", "passedControls"), Json.RequiredInt(item, "properties", "failedControls"),
                Json.RequiredInt(item, "properties", "skippedControls"), Json.RequiredInt(item, "properties", "unsupportedControls"),
                Json.String(item, "id") ?? string.Empty);

        /// <summary>A control; its standard is read from its id, the same from ARM and from Resource Graph.</summary>
        public static RegulatoryComplianceControl ParseControl(SubscriptionRef s, JsonElement item) =>
            new(s, StandardOf(item), Json.RequiredString(item, "name"), Json.String(item, "properties", "description"),
                NormalizeState(Json.RequiredString(item, "properties", "state")),
                Json.RequiredInt(item, "properties", "passedAssessments"), Json.RequiredInt(item, "properties", "failedAssessments"),
                Json.RequiredInt(item, "properties", "skippedAssessments"), Json.RequiredString(item, "id"));

        /// <summary>The standard a control belongs to: the segment after regulatoryComplianceStandards in its id.</summary>
        public static string StandardOf(JsonElement control) =>
            ArmId.SegmentAfter(Json.String(control, "id"), "regulatoryComplianceStandards") ?? string.Empty;
    }
}
