using System;

namespace CrossTenantSecurity
{
    /// <summary>A snapshot as the history holds it: its id, when it was taken, and its headline numbers.</summary>
    public sealed class SavedPostureSnapshot
    {
        public SavedPostureSnapshot(long snapshotId, DateTimeOffset takenAt, string location, Guid managingTenantId, int tenantCount, int subscriptionCount,
            double percentage, int unhealthyHigh, int activeAlertCount, int failureCount, int detailRowCount, TimeSpan? saveDuration)
        {
            SnapshotId = snapshotId;
            TakenAt = takenAt;
            Location = location;
            ManagingTenantId = managingTenantId;
            TenantCount = tenantCount;
            SubscriptionCount = subscriptionCount;
            Percentage = percentage;
            UnhealthyHigh = unhealthyHigh;
            ActiveAlertCount = activeAlertCount;
            FailureCount = failureCount;
            DetailRowCount = detailRowCount;
            SaveDuration = saveDuration;
        }

        /// <summary>The snapshot's id in its history (pass it to Compare-CtPostureSnapshot).</summary>
        public long SnapshotId { get; }
        public DateTimeOffset TakenAt { get; }
        /// <summary>The database file, or the Log Analytics stream the rows went to.</summary>
        public string Location { get; }
        public Guid ManagingTenantId { get; }
        public int TenantCount { get; }
        public int SubscriptionCount { get; }
        /// <summary>Secure score of the whole estate, 0-100 (NaN when nothing was scored).</summary>
        public double Percentage { get; }
        public int UnhealthyHigh { get; }
        public int ActiveAlertCount { get; }
        public int FailureCount { get; }
        /// <summary>Resource-level rows kept for drift (unhealthy assessments, plans, active alerts, delegations).</summary>
        public int DetailRowCount { get; }
        /// <summary>How long the save took (set on the object Save-CtPostureSnapshot returns).</summary>
        public TimeSpan? SaveDuration { get; }

        public override string ToString() => $"#{SnapshotId} {TakenAt:u}: {TenantCount} customer(s), {SubscriptionCount} subscription(s)";
    }
}
