using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>
    /// One customer (home tenant) rolled up: weighted secure score (sum(weight x current / max) / sum(weight) x 100
    /// over subscriptions with max above 0, as Get-CtSecureScore -AggregateBy Tenant), open findings, alerts, plan
    /// coverage, compliance per standard, and the customer's own top recommendations and controls.
    /// </summary>
    public sealed class TenantPostureSummary
    {
        public TenantPostureSummary(Guid tenantId, string? tenantName, int subscriptionCount, int scoredCount, double percentage, double current, double max, long weight,
            SeverityCounts unhealthy, SeverityCounts activeAlerts, IReadOnlyList<PlanCoverage> plans, IReadOnlyList<ComplianceSummary> compliance,
            int failedSubscriptionCount, int failureCount, IReadOnlyList<RecommendationSummary> topRecommendations, IReadOnlyList<SecureScoreControlSummary> topControls)
        {
            TenantId = tenantId;
            TenantName = tenantName;
            SubscriptionCount = subscriptionCount;
            ScoredCount = scoredCount;
            Percentage = percentage;
            Current = current;
            Max = max;
            Weight = weight;
            Unhealthy = unhealthy;
            ActiveAlerts = activeAlerts;
            Plans = ItemList.From(plans);
            Compliance = ItemList.From(compliance);
            FailedSubscriptionCount = failedSubscriptionCount;
            FailureCount = failureCount;
            TopRecommendations = ItemList.From(topRecommendations);
            TopControls = ItemList.From(topControls);
        }

        public Guid TenantId { get; }
        public string? TenantName { get; }
        /// <summary>The customer's subscriptions in scope.</summary>
        public int SubscriptionCount { get; }
        /// <summary>Subscriptions that returned a secure score.</summary>
        public int ScoredCount { get; }
        /// <summary>Subscriptions without a score (not computed yet, or the read failed).</summary>
        public int MissingCount => SubscriptionCount - ScoredCount;
        /// <summary>Weighted secure score, 0-100; NaN when no subscription had a score.</summary>
        public double Percentage { get; }
        public double Current { get; }
        public double Max { get; }
        public long Weight { get; }
        public SeverityCounts Unhealthy { get; }
        public int UnhealthyCount => Unhealthy.Total;
        public SeverityCounts ActiveAlerts { get; }
        public int ActiveAlertCount => ActiveAlerts.Total;
        public ItemList<PlanCoverage> Plans { get; }
        public ItemList<ComplianceSummary> Compliance { get; }
        /// <summary>Subscriptions with at least one posture kind that could not be read.</summary>
        public int FailedSubscriptionCount { get; }
        public int FailureCount { get; }
        public ItemList<RecommendationSummary> TopRecommendations { get; }
        public ItemList<SecureScoreControlSummary> TopControls { get; }

        public override string ToString() => $"{TenantName ?? TenantId.ToString()}: {(double.IsNaN(Percentage) ? "n/a" : Percentage.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " %")}";
    }
}
