using System.Collections.Generic;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>Pricings: booleans come as "True"/"False" strings.</summary>
    internal static class DefenderPlanReader
    {
        public static DefenderPlan Parse(SubscriptionRef s, JsonElement item)
        {
            var extensions = new List<PlanExtension>();
            foreach (JsonElement extension in Json.Array(item, "properties", "extensions"))
            {
                extensions.Add(new PlanExtension(Json.String(extension, "name") ?? string.Empty, Json.Bool(extension, "isEnabled") ?? false,
                    Json.String(extension, "operationStatus", "code")));
            }
            return new DefenderPlan(s,
                Json.RequiredString(item, "name"),
                Json.RequiredString(item, "properties", "pricingTier"),
                Json.String(item, "properties", "subPlan"),
                Json.String(item, "properties", "resourcesCoverageStatus"),
                Json.Bool(item, "properties", "deprecated") ?? false,
                Json.Strings(item, "properties", "replacedBy"),
                Json.Duration(item, "properties", "freeTrialRemainingTime"),
                Json.Time(item, "properties", "enablementTime"),
                Json.Bool(item, "properties", "enforce"),
                extensions,
                Json.String(item, "id") ?? string.Empty);
        }
    }
}
