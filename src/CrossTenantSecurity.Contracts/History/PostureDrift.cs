using System;

namespace CrossTenantSecurity
{
    /// <summary>
    /// One change between a reference and a difference snapshot. <see cref="Impact"/> orders the rows: positive is worse
    /// (a score drop in points, 10 for a lost plan, 5/3/1 per newly unhealthy High/Medium/Low), negative is better.
    /// </summary>
    public sealed class PostureDrift
    {
        public PostureDrift(PostureDriftKind kind, string scope, Guid tenantId, string? tenantName, string? subscriptionId, string? subscriptionName,
            string? subject, string? severity, string? resourceId, string? before, string? after, double? change, double impact)
        {
            Kind = kind;
            Scope = scope;
            TenantId = tenantId;
            TenantName = tenantName;
            SubscriptionId = subscriptionId;
            SubscriptionName = subscriptionName;
            Subject = subject;
            Severity = severity;
            ResourceId = resourceId;
            Before = before;
            After = after;
            Change = change;
            Impact = impact;
        }

        public PostureDriftKind Kind { get; }
        /// <summary>Tenant or Subscription.</summary>
        public string Scope { get; }
        public Guid TenantId { get; }
        public string? TenantName { get; }
        public string? SubscriptionId { get; }
        public string? SubscriptionName { get; }
        /// <summary>The assessment, plan, alert or delegation the row is about (display name when known).</summary>
        public string? Subject { get; }
        public string? Severity { get; }
        public string? ResourceId { get; }
        public string? Before { get; }
        public string? After { get; }
        /// <summary>Numeric change (score points) where there is one.</summary>
        public double? Change { get; }
        /// <summary>How much worse the estate got through this row (negative: better); rows come worst first.</summary>
        public double Impact { get; }

        public override string ToString() => $"{Kind} {SubscriptionName ?? TenantName}: {Subject} {Before} -> {After}";
    }
}
