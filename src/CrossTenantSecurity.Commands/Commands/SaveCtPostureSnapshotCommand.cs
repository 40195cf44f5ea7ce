using System;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Saves a posture snapshot (piped, or a fresh one with detail) in the SQLite history: one transaction per snapshot,
    /// so a crash or Ctrl+C midway leaves the database as it was.
    /// </summary>
    [Cmdlet(VerbsData.Save, "CtPostureSnapshot")]
    [OutputType(typeof(SavedPostureSnapshot))]
    public sealed class SaveCtPostureSnapshotCommand : CtSnapshotInputCmdlet
    {
        /// <summary>The SQLite file; default: the user's data folder (XDG_DATA_HOME or ~/.local/share; LocalAppData on Windows).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DatabasePath { get; set; }

        internal override string ErrorNoun => "PostureSnapshot";

        protected override void EndProcessing()
        {
            var snapshots = SnapshotsOrFresh();
            if (snapshots.Count == 0) return;
            string path = ResolveDatabasePath(DatabasePath);
            using PostureHistory history = HistoryAccess.Open(this, path);
            foreach (PostureSnapshot snapshot in snapshots)
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
                    return;
                }
                WriteVerbose($"Saved snapshot #{saved.SnapshotId} ({saved.SubscriptionCount} subscriptions, {saved.DetailRowCount} detail rows) to {path} in {saved.SaveDuration?.TotalMilliseconds:0} ms.");
                WriteObject(saved);
            }
        }
    }
}
