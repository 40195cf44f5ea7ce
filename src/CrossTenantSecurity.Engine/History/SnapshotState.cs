using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>
    /// What drift compares: a snapshot reduced to the facts a change is judged on, built from a live
    /// <see cref="PostureSnapshot"/> or read back from the history. BCL and Contracts types only (it crosses the bridge).
    /// </summary>
    public sealed class SnapshotState
    {
        internal SnapshotState(long? snapshotId, DateTimeOffset takenAt, bool hasDetail)
        {
            SnapshotId = snapshotId;
            TakenAt = takenAt;
            HasDetail = hasDetail;
        }

        public long? SnapshotId { get; }
        public DateTimeOffset TakenAt { get; }
        /// <summary>Resource-level rows (assessments, plan tiers, alerts, delegations) are known.</summary>
        public bool HasDetail { get; }
        internal Dictionary<Guid, TenantState> Tenants { get; } = new Dictionary<Guid, TenantState>();
        internal Dictionary<string, SubscriptionState> Subscriptions { get; } = new Dictionary<string, SubscriptionState>(StringComparer.OrdinalIgnoreCase);

        public int TenantCount => Tenants.Count;
        public int SubscriptionCount => Subscriptions.Count;

        /// <summary>The state of a live snapshot.</summary>
        public static SnapshotState From(PostureSnapshot snapshot)
        {
            if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
            var state = new SnapshotState(null, snapshot.TakenAt, snapshot.Detail is not null);
            foreach (TenantPostureSummary t in snapshot.Tenants)
                state.Tenants[t.TenantId] = new TenantState(t.TenantId, t.TenantName, double.IsNaN(t.Percentage) ? null : t.Percentage);
            foreach (SubscriptionPostureSummary s in snapshot.Subscriptions)
            {
                var sub = new SubscriptionState(s.SubscriptionId, s.SubscriptionName, s.TenantId, s.TenantName, s.Percentage, s.FailedKinds);
                foreach (string plan in s.PlansRead) sub.Plans[plan] = new PlanState(plan, s.EnabledPlans.Contains(plan, StringComparer.OrdinalIgnoreCase), null, null);
                state.Subscriptions[s.SubscriptionId] = sub;
            }
            if (snapshot.Detail is { } detail)
            {
                foreach (Recommendation r in detail.Recommendations)
                {
                    if (!string.Equals(r.Status, "Unhealthy", StringComparison.OrdinalIgnoreCase) || !state.Subscriptions.TryGetValue(r.SubscriptionId, out SubscriptionState? sub)) continue;
                    sub.AddUnhealthy(r.AssessmentKey, r.ResourceId ?? r.Id, r.DisplayName, r.Severity.ToString());
                }
                foreach (DefenderPlan p in detail.Plans)
                {
                    if (state.Subscriptions.TryGetValue(p.SubscriptionId, out SubscriptionState? sub)) sub.Plans[p.Plan] = new PlanState(p.Plan, p.Enabled, p.Tier, p.SubPlan);
                }
                foreach (Alert a in detail.Alerts)
                {
                    if (string.Equals(a.Status, "Active", StringComparison.OrdinalIgnoreCase) && state.Subscriptions.TryGetValue(a.SubscriptionId, out SubscriptionState? sub))
                        sub.ActiveAlerts[a.Name] = new AlertState(a.Name, a.DisplayName, a.Severity.ToString());
                }
                foreach (Delegation d in detail.Delegations)
                {
                    if (state.Subscriptions.TryGetValue(d.SubscriptionId, out SubscriptionState? sub)) sub.Delegations[d.Id] = d.OfferName;
                }
            }
            return state;
        }
    }
}
