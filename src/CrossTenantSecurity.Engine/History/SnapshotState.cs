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

    internal sealed class TenantState
    {
        public TenantState(Guid tenantId, string? name, double? percentage)
        {
            TenantId = tenantId;
            Name = name;
            Percentage = percentage;
        }

        public Guid TenantId { get; }
        public string? Name { get; }
        public double? Percentage { get; }
    }

    internal sealed class SubscriptionState
    {
        public SubscriptionState(string subscriptionId, string? name, Guid tenantId, string? tenantName, double? percentage, IReadOnlyList<string> failedKinds)
        {
            SubscriptionId = subscriptionId;
            Name = name;
            TenantId = tenantId;
            TenantName = tenantName;
            Percentage = percentage;
            FailedKinds = new HashSet<string>(failedKinds, StringComparer.OrdinalIgnoreCase);
        }

        public string SubscriptionId { get; }
        public string? Name { get; }
        public Guid TenantId { get; }
        public string? TenantName { get; }
        public double? Percentage { get; }
        public HashSet<string> FailedKinds { get; }
        /// <summary>(assessment key, resource id), case-insensitive.</summary>
        public HashSet<(string Assessment, string Resource)> Unhealthy { get; } = new HashSet<(string, string)>(PairComparer.Instance);
        public Dictionary<string, (string? DisplayName, string? Severity)> Assessments { get; } = new Dictionary<string, (string?, string?)>(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, PlanState> Plans { get; } = new Dictionary<string, PlanState>(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, AlertState> ActiveAlerts { get; } = new Dictionary<string, AlertState>(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, string?> Delegations { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        public void AddUnhealthy(string assessmentKey, string resourceId, string? displayName, string? severity)
        {
            Unhealthy.Add((assessmentKey, resourceId));
            if (!Assessments.ContainsKey(assessmentKey)) Assessments[assessmentKey] = (displayName, severity);
        }

        private sealed class PairComparer : IEqualityComparer<(string, string)>
        {
            public static readonly PairComparer Instance = new PairComparer();
            public bool Equals((string, string) x, (string, string) y) =>
                StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1) && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2);
            public int GetHashCode((string, string) obj) =>
                unchecked(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1) * 31 + StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
        }
    }

    internal sealed class PlanState
    {
        public PlanState(string plan, bool enabled, string? tier, string? subPlan)
        {
            Plan = plan;
            Enabled = enabled;
            Tier = tier;
            SubPlan = subPlan;
        }

        public string Plan { get; }
        public bool Enabled { get; }
        public string? Tier { get; }
        public string? SubPlan { get; }
        public override string ToString() => Enabled ? (SubPlan is { Length: > 0 } ? $"{Tier} {SubPlan}" : Tier ?? "Enabled") : Tier ?? "Off";
    }

    internal sealed class AlertState
    {
        public AlertState(string name, string? displayName, string? severity)
        {
            Name = name;
            DisplayName = displayName;
            Severity = severity;
        }

        public string Name { get; }
        public string? DisplayName { get; }
        public string? Severity { get; }
    }
}
