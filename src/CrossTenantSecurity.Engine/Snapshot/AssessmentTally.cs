using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>
    /// The four fields of an assessment a summary counts. Snapshots without detail read assessments as these, not as
    /// Recommendations: they are the bulk of the rows, and a summary needs no portal link or category list per row.
    /// </summary>
    internal sealed class AssessmentTally : SubscriptionScoped
    {
        private AssessmentTally(SubscriptionRef subscription, string key, string? displayName, Severity severity, string? status) : base(subscription)
        {
            Key = key;
            DisplayName = displayName;
            Severity = severity;
            Status = status;
        }

        public string Key { get; }
        public string? DisplayName { get; }
        public Severity Severity { get; }
        public string? Status { get; }

        /// <summary>The same fields <see cref="DefenderForCloud.RecommendationReader"/> reads.</summary>
        public static AssessmentTally Parse(SubscriptionRef s, JsonElement item) =>
            new AssessmentTally(s, Json.RequiredString(item, "name"),
                Json.String(item, "properties", "displayName") ?? Json.String(item, "properties", "metadata", "displayName"),
                SeverityText.Parse(Json.String(item, "properties", "metadata", "severity")),
                Json.RequiredString(item, "properties", "status", "code"));
    }
}
