using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>Everything the snapshot keeps of one subscription: its score, open findings, alerts, plans, compliance and delegations.</summary>
    public sealed class SubscriptionPostureSummary
    {
        public SubscriptionPostureSummary(SubscriptionRef subscription, string? state, SubscriptionAccessType accessType,
            double? current, double? max, double? percentage, long weight,
            int healthyCount, SeverityCounts unhealthy, int notApplicableCount, SeverityCounts activeAlerts, int alertCount,
            IReadOnlyList<string> plansRead, IReadOnlyList<string> enabledPlans, IReadOnlyList<ComplianceSummary> compliance,
            int delegationCount, bool? defenderReady, double potentialScoreIncrease, IReadOnlyList<string> failedKinds)
        {
            if (subscription is null) throw new ArgumentNullException(nameof(subscription));
            TenantId = subscription.TenantId;
            TenantName = subscription.TenantName;
            SubscriptionId = subscription.SubscriptionId;
            SubscriptionName = subscription.SubscriptionName;
            State = state;
            AccessType = accessType;
            Current = current;
            Max = max;
            Percentage = percentage;
            Weight = weight;
            HealthyCount = healthyCount;
            Unhealthy = unhealthy;
            NotApplicableCount = notApplicableCount;
            ActiveAlerts = activeAlerts;
            AlertCount = alertCount;
            PlansRead = ItemList.From(plansRead);
            EnabledPlans = ItemList.From(enabledPlans);
            Compliance = ItemList.From(compliance);
            DelegationCount = delegationCount;
            DefenderReady = defenderReady;
            PotentialScoreIncrease = potentialScoreIncrease;
            FailedKinds = ItemList.From(failedKinds);
        }

        public Guid TenantId { get; }
        public string? TenantName { get; }
        public string SubscriptionId { get; }
        public string? SubscriptionName { get; }
        public string? State { get; }
        public SubscriptionAccessType AccessType { get; }
        /// <summary>Secure score; null when it could not be read.</summary>
        public double? Current { get; }
        public double? Max { get; }
        /// <summary>0-100; null when the score could not be read.</summary>
        public double? Percentage { get; }
        public long Weight { get; }
        public int HealthyCount { get; }
        /// <summary>Unhealthy assessments by severity.</summary>
        public SeverityCounts Unhealthy { get; }
        public int UnhealthyCount => Unhealthy.Total;
        public int NotApplicableCount { get; }
        /// <summary>Alerts with status Active, by severity.</summary>
        public SeverityCounts ActiveAlerts { get; }
        /// <summary>Alerts of any status.</summary>
        public int AlertCount { get; }
        /// <summary>Every Defender plan the subscription reported (empty when pricings could not be read).</summary>
        public ItemList<string> PlansRead { get; }
        /// <summary>Plans on the Standard tier.</summary>
        public ItemList<string> EnabledPlans { get; }
        public ItemList<ComplianceSummary> Compliance { get; }
        public int DelegationCount { get; }
        /// <summary>Whether a delegation gives a role that can read Defender data at subscription scope; null when none was read.</summary>
        public bool? DefenderReady { get; }
        /// <summary>Sum over the subscription's controls of max minus current.</summary>
        public double PotentialScoreIncrease { get; }
        /// <summary>Posture kinds that could not be read (see the snapshot's Failures for why).</summary>
        public ItemList<string> FailedKinds { get; }
        public bool Audited => FailedKinds.Count == 0;

        public override string ToString() => $"{SubscriptionName} ({SubscriptionId}): {(Percentage is double p ? p.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " %" : "no score")}";
    }
}
