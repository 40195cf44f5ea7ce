using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Ingestion
{
    /// <summary>One snapshot to a data collection rule's stream: rows, batches under 1 MB, one call per batch.</summary>
    internal static class PostureUploader
    {
        public static async Task<PostureUpload> UploadAsync(LogsIngestionGateway gateway, PostureSnapshot snapshot, LogsIngestionTarget target,
            string? moduleVersion, SavedPostureSnapshot? local, Action<string>? verbose, CancellationToken cancellationToken)
        {
            string snapshotId = Guid.NewGuid().ToString();
            IReadOnlyList<Dictionary<string, object?>> rows = PostureIngestionRows.From(snapshot, snapshotId, moduleVersion);
            IReadOnlyList<byte[]> batches = IngestionBatcher.Batch(rows);
            verbose?.Invoke($"Sending {rows.Count} rows in {batches.Count} batches to {target.StreamName} of {target.RuleId}.");
            await gateway.UploadAsync(target, batches, verbose, cancellationToken).ConfigureAwait(false);
            return new PostureUpload(snapshotId, snapshot.TakenAt, target.Endpoint, target.RuleId, target.StreamName, rows.Count, batches.Count,
                batches.Sum(b => (long)b.Length), local);
        }
    }
}
