using System;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;
using CrossTenantSecurity.Engine.History;
using CrossTenantSecurity.Engine.Ingestion;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Saves a posture snapshot (piped, or a fresh one with detail) in the SQLite history: one transaction per snapshot,
    /// so a crash or Ctrl+C midway leaves the database as it was. With -LogAnalytics the snapshot's summary rows also go
    /// to a data collection rule's stream (Logs Ingestion), so many runners share one history; -NoLocal skips SQLite.
    /// </summary>
    [Cmdlet(VerbsData.Save, "CtPostureSnapshot", DefaultParameterSetName = LocalSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(SavedPostureSnapshot), ParameterSetName = new[] { LocalSet })]
    [OutputType(typeof(PostureUpload), ParameterSetName = new[] { LogAnalyticsSet })]
    public sealed class SaveCtPostureSnapshotCommand : CtSnapshotInputCmdlet
    {
        private const string LocalSet = "Local";
        private const string LogAnalyticsSet = "LogAnalytics";

        /// <summary>The SQLite file; default: the user's data folder (XDG_DATA_HOME or ~/.local/share; LocalAppData on Windows).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DatabasePath { get; set; }

        /// <summary>Also send the snapshot's rows to Log Analytics through the Logs Ingestion API.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LogAnalyticsSet)]
        public SwitchParameter LogAnalytics { get; set; }

        /// <summary>The data collection endpoint's Logs Ingestion URL (https).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LogAnalyticsSet)]
        [ValidateNotNull]
        public Uri? DataCollectionEndpoint { get; set; }

        /// <summary>The data collection rule's immutable id (dcr- and 32 hex digits).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LogAnalyticsSet)]
        [ValidatePattern("^dcr-[0-9a-fA-F]{32}$")]
        public string? DataCollectionRuleId { get; set; }

        /// <summary>The rule's input stream; default Custom-CtPostureHistory (dcr-template.json).</summary>
        [Parameter(ParameterSetName = LogAnalyticsSet)]
        [ValidateNotNullOrEmpty]
        public string StreamName { get; set; } = "Custom-CtPostureHistory";

        /// <summary>Send to Log Analytics only; nothing is written to the SQLite file.</summary>
        [Parameter(ParameterSetName = LogAnalyticsSet)]
        public SwitchParameter NoLocal { get; set; }

        internal override string ErrorNoun => "PostureSnapshot";

        protected override void EndProcessing()
        {
            LogsIngestionTarget? target = null;
            if (LogAnalytics)
            {
                try
                {
                    target = new LogsIngestionTarget(DataCollectionEndpoint!, DataCollectionRuleId!, StreamName);
                }
                catch (CrossTenantException e)
                {
                    ThrowTerminatingError(ErrorRecordFactory.FromException(e, null));
                }
            }
            var snapshots = SnapshotsOrFresh();
            if (snapshots.Count == 0) return;
            bool local = !(LogAnalytics && NoLocal);
            string path = ResolveDatabasePath(DatabasePath);
            using PostureHistory? history = local && ShouldProcess(path, "Save posture snapshot") ? HistoryAccess.Open(this, path) : null;
            foreach (PostureSnapshot snapshot in snapshots)
            {
                SavedPostureSnapshot? saved = history is null ? null : SaveLocally(history, snapshot, path);
                if (target is null)
                {
                    if (saved is not null) WriteObject(saved);
                    continue;
                }
                int rows = snapshot.Tenants.Count + snapshot.Subscriptions.Count;
                if (!ShouldProcess($"{target.StreamName} of {target.RuleId} at {target.Endpoint.Host}", $"Send {rows} posture rows of the snapshot of {snapshot.TakenAt:u}"))
                    continue;
                Upload(snapshot, target, saved);
            }
        }

        private SavedPostureSnapshot SaveLocally(PostureHistory history, PostureSnapshot snapshot, string path)
        {
            if (snapshot.Detail is null)
                WriteWarning($"The snapshot of {snapshot.TakenAt:u} was taken without -IncludeDetail: its summaries are saved, but drift by assessment, resource, plan tier, alert and delegation cannot be computed against it.");
            SavedPostureSnapshot saved;
            try
            {
                saved = history.Save(snapshot, ModuleVersion, StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(new InvalidOperationException($"The snapshot could not be saved to '{path}': {e.Message}", e),
                    "History.SaveFailed", ErrorCategory.WriteError, path, "Nothing of this snapshot was written. Check free space and that no other program locks the file."));
                throw;
            }
            WriteVerbose($"Saved snapshot #{saved.SnapshotId} ({saved.SubscriptionCount} subscriptions, {saved.DetailRowCount} detail rows) to {path} in {saved.SaveDuration?.TotalMilliseconds:0} ms.");
            return saved;
        }

        private void Upload(PostureSnapshot snapshot, LogsIngestionTarget target, SavedPostureSnapshot? saved)
        {
            CrossTenantClient client = RequireClient();
            RunStreaming<PostureUpload>(async (sink, token) =>
                sink.OnResult(await client.UploadPostureSnapshotAsync(snapshot, target, ModuleVersion, saved, sink.OnVerbose, token).ConfigureAwait(false)));
        }
    }
}
