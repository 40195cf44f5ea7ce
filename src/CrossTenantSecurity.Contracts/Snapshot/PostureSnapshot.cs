using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity
{
    /// <summary>
    /// The whole estate's Defender posture from one pass (Get-CtPostureSnapshot): when and by whom it was taken,
    /// its scope, per-customer and per-subscription summaries, the top recommendations and controls across
    /// customers, and every scope that could not be read, as data.
    /// </summary>
    public sealed class PostureSnapshot
    {
        /// <summary>Version of this shape as written by Export-CtPostureReport -Format Json.</summary>
        public const int CurrentSchemaVersion = 1;

        public PostureSnapshot(DateTimeOffset takenAt, TimeSpan duration, Guid managingTenantId, string account, string environment, string source,
            IReadOnlyList<Guid> scopeTenantIds, IReadOnlyList<string> scopeSubscriptionIds, bool includeHome,
            double percentage, SeverityCounts unhealthy, SeverityCounts activeAlerts, IReadOnlyList<PlanCoverage> plans, IReadOnlyList<ComplianceSummary> compliance,
            IReadOnlyList<TenantPostureSummary> tenants, IReadOnlyList<SubscriptionPostureSummary> subscriptions,
            IReadOnlyList<RecommendationSummary> topRecommendations, IReadOnlyList<SecureScoreControlSummary> topControls,
            IReadOnlyList<SnapshotFailure> failures, PostureSnapshotDetail? detail, Guid? customerTenantId = null)
        {
            TakenAt = takenAt;
            Duration = duration;
            ManagingTenantId = managingTenantId;
            Account = account;
            Environment = environment;
            Source = source;
            ScopeTenantIds = ItemList.From(scopeTenantIds);
            ScopeSubscriptionIds = ItemList.From(scopeSubscriptionIds);
            IncludeHome = includeHome;
            Percentage = percentage;
            Unhealthy = unhealthy;
            ActiveAlerts = activeAlerts;
            Plans = ItemList.From(plans);
            Compliance = ItemList.From(compliance);
            Tenants = ItemList.From(tenants);
            Subscriptions = ItemList.From(subscriptions);
            TopRecommendations = ItemList.From(topRecommendations);
            TopControls = ItemList.From(topControls);
            Failures = ItemList.From(failures);
            Detail = detail;
            CustomerTenantId = customerTenantId;
        }

        public int SchemaVersion => CurrentSchemaVersion;
        public DateTimeOffset TakenAt { get; }
        public TimeSpan Duration { get; }
        /// <summary>The signed-in (managing) tenant.</summary>
        public Guid ManagingTenantId { get; }
        public string Account { get; }
        public string Environment { get; }
        /// <summary>Arm, ResourceGraph or Auto, as asked.</summary>
        public string Source { get; }
        /// <summary>The -TenantId filter (empty: every customer).</summary>
        public ItemList<Guid> ScopeTenantIds { get; }
        /// <summary>The -SubscriptionId filter (empty: every subscription).</summary>
        public ItemList<string> ScopeSubscriptionIds { get; }
        public bool IncludeHome { get; }
        /// <summary>Set when the snapshot was narrowed to one customer (<see cref="ForTenant"/>).</summary>
        public Guid? CustomerTenantId { get; }
        /// <summary>Weighted secure score over every subscription in scope, 0-100; NaN when none had a score.</summary>
        public double Percentage { get; }
        public SeverityCounts Unhealthy { get; }
        public SeverityCounts ActiveAlerts { get; }
        public ItemList<PlanCoverage> Plans { get; }
        public ItemList<ComplianceSummary> Compliance { get; }
        public ItemList<TenantPostureSummary> Tenants { get; }
        public ItemList<SubscriptionPostureSummary> Subscriptions { get; }
        public ItemList<RecommendationSummary> TopRecommendations { get; }
        public ItemList<SecureScoreControlSummary> TopControls { get; }
        public ItemList<SnapshotFailure> Failures { get; }
        /// <summary>The full rows, only with -IncludeDetail.</summary>
        public PostureSnapshotDetail? Detail { get; }

        public int TenantCount => Tenants.Count;
        public int SubscriptionCount => Subscriptions.Count;
        /// <summary>Subscriptions of which every posture kind was read.</summary>
        public int AuditedCount => Subscriptions.Count(s => s.Audited);
        public int FailureCount => Failures.Count;

        /// <summary>
        /// The same snapshot narrowed to one customer, to hand to that customer alone: only its summary, its
        /// subscriptions, its failures and detail rows, and its own top recommendations and controls (so no
        /// other customer's name, id or counts remain).
        /// </summary>
        public PostureSnapshot ForTenant(Guid tenantId)
        {
            TenantPostureSummary? tenant = Tenants.FirstOrDefault(t => t.TenantId == tenantId);
            if (tenant is null) throw new ArgumentException($"The snapshot holds no customer with tenant id {tenantId}.", nameof(tenantId));
            PostureSnapshotDetail? detail = Detail is null ? null : new PostureSnapshotDetail(
                Detail.SecureScores.Where(x => x.TenantId == tenantId).ToList(), Detail.Controls.Where(x => x.TenantId == tenantId).ToList(),
                Detail.Recommendations.Where(x => x.TenantId == tenantId).ToList(), Detail.Alerts.Where(x => x.TenantId == tenantId).ToList(),
                Detail.Plans.Where(x => x.TenantId == tenantId).ToList(), Detail.Compliance.Where(x => x.TenantId == tenantId).ToList(),
                Detail.Delegations.Where(x => x.TenantId == tenantId).ToList());
            return new PostureSnapshot(TakenAt, Duration, ManagingTenantId, Account, Environment, Source,
                new[] { tenantId }, ScopeSubscriptionIds.Where(id => Subscriptions.Any(s => s.TenantId == tenantId && string.Equals(s.SubscriptionId, id, StringComparison.OrdinalIgnoreCase))).ToList(),
                IncludeHome, tenant.Percentage, tenant.Unhealthy, tenant.ActiveAlerts, tenant.Plans, tenant.Compliance,
                new[] { tenant }, Subscriptions.Where(s => s.TenantId == tenantId).ToList(),
                tenant.TopRecommendations, tenant.TopControls, Failures.Where(f => f.TenantId == tenantId).ToList(), detail, tenantId);
        }

        public override string ToString() =>
            $"{TakenAt:u}: {Tenants.Count} customer(s), {Subscriptions.Count} subscription(s), {(double.IsNaN(Percentage) ? "no score" : Percentage.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " %")}, {Failures.Count} failure(s)";
    }
}
