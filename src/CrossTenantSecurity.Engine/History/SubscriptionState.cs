using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.History
{
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
}
