using System;

namespace CrossTenantSecurity
{
    /// <summary>One metric of one customer (or subscription) in one saved snapshot.</summary>
    public sealed class PostureTrendPoint
    {
        public PostureTrendPoint(long snapshotId, DateTimeOffset takenAt, Guid tenantId, string? tenantName, string? subscriptionId, string? subscriptionName,
            PostureMetric metric, double? value, double? change)
        {
            SnapshotId = snapshotId;
            TakenAt = takenAt;
            TenantId = tenantId;
            TenantName = tenantName;
            SubscriptionId = subscriptionId;
            SubscriptionName = subscriptionName;
            Metric = metric;
            Value = value;
            Change = change;
        }

        public long SnapshotId { get; }
        public DateTimeOffset TakenAt { get; }
        public Guid TenantId { get; }
        public string? TenantName { get; }
        /// <summary>Null on a customer row.</summary>
        public string? SubscriptionId { get; }
        public string? SubscriptionName { get; }
        public PostureMetric Metric { get; }
        /// <summary>Null when the snapshot had no value (not scored, or the read failed).</summary>
        public double? Value { get; }
        /// <summary>Change since the previous point of the same scope and metric (null for the first).</summary>
        public double? Change { get; }

        public override string ToString() => $"{TakenAt:yyyy-MM-dd} {SubscriptionName ?? TenantName ?? TenantId.ToString()} {Metric}: {Value}";
    }
}
