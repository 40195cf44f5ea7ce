using System;

namespace CrossTenantSecurity
{
    /// <summary>What Save-CtPostureSnapshot -LogAnalytics sent: one snapshot's rows to a data collection rule's stream.</summary>
    public sealed class PostureUpload
    {
        public PostureUpload(string snapshotId, DateTimeOffset takenAt, Uri dataCollectionEndpoint, string dataCollectionRuleId, string streamName,
            int rowCount, int batchCount, long byteCount, SavedPostureSnapshot? local)
        {
            SnapshotId = snapshotId;
            TakenAt = takenAt;
            DataCollectionEndpoint = dataCollectionEndpoint;
            DataCollectionRuleId = dataCollectionRuleId;
            StreamName = streamName;
            RowCount = rowCount;
            BatchCount = batchCount;
            ByteCount = byteCount;
            Local = local;
        }

        /// <summary>The GUID in the rows' SnapshotId column that ties this snapshot's rows together.</summary>
        public string SnapshotId { get; }
        public DateTimeOffset TakenAt { get; }
        public Uri DataCollectionEndpoint { get; }
        public string DataCollectionRuleId { get; }
        public string StreamName { get; }
        /// <summary>Rows sent: one per customer and one per subscription.</summary>
        public int RowCount { get; }
        /// <summary>Calls made, each a JSON array under the API's 1 MB limit.</summary>
        public int BatchCount { get; }
        public long ByteCount { get; }
        /// <summary>The same snapshot in the SQLite history; null with -NoLocal.</summary>
        public SavedPostureSnapshot? Local { get; }

        public override string ToString() => $"{RowCount} rows in {BatchCount} batches to {StreamName}";
    }
}
