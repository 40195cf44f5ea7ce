using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Drift between two snapshots (live snapshots, saved snapshot ids, or dates): score changes per customer and
    /// subscription, recommendations newly unhealthy and newly healthy by assessment and resource, plans turned off or
    /// downgraded, new high-severity alerts, subscriptions and delegations gained and lost. Rows come worst first.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "CtPostureSnapshot")]
    [OutputType(typeof(PostureDrift))]
    public sealed class CompareCtPostureSnapshotCommand : CtCmdlet
    {
        /// <summary>The earlier snapshot: a PostureSnapshot, a SavedPostureSnapshot, a snapshot id, or a date (the last snapshot saved on or before it).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public object Reference { get; set; } = null!;

        /// <summary>The later snapshot, in the same forms; default: the latest saved snapshot.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true)]
        public object? Difference { get; set; }

        /// <summary>The SQLite history that ids and dates refer to; default: the user's data folder (or the file a SavedPostureSnapshot names).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DatabasePath { get; set; }

        internal override string ErrorNoun => "PostureDrift";

        private object? _difference;

        protected override void ProcessRecord()
        {
            if (Difference is not null) _difference = Difference;
        }

        protected override void EndProcessing()
        {
            PostureHistory? history = null;
            try
            {
                SnapshotState reference = Resolve(Reference, nameof(Reference), ref history)!;
                SnapshotState difference = _difference is null ? Latest(ref history) : Resolve(_difference, nameof(Difference), ref history)!;
                if (!reference.HasDetail || !difference.HasDetail)
                    WriteWarning("One of the snapshots holds no detail (it was taken without -IncludeDetail): only scores, plans on/off and subscriptions are compared.");
                WriteVerbose($"Comparing {Describe(reference)} with {Describe(difference)}.");
                foreach (PostureDrift row in DriftCalculator.Compare(reference, difference)) WriteObject(row);
            }
            finally
            {
                history?.Dispose();
            }
        }

        private static string Describe(SnapshotState s) => (s.SnapshotId is long id ? $"#{id} " : "the live snapshot ") + s.TakenAt.ToString("u", CultureInfo.InvariantCulture);

        private SnapshotState Latest(ref PostureHistory? history)
        {
            history ??= OpenHistory(null);
            long? id = history.LatestSnapshot();
            if (id is null) ThrowNotFound("The history holds no snapshot.", nameof(Difference), null);
            return history.LoadState(id!.Value);
        }

        private SnapshotState? Resolve(object value, string parameter, ref PostureHistory? history)
        {
            object o = value is PSObject ps ? ps.BaseObject : value;
            switch (o)
            {
                case PostureSnapshot snapshot:
                    return SnapshotState.From(snapshot);
                case SavedPostureSnapshot saved:
                    history ??= OpenHistory(saved.Location);
                    return Load(history, saved.SnapshotId, parameter, value);
                case long or int:
                    history ??= OpenHistory(null);
                    return Load(history, Convert.ToInt64(o, CultureInfo.InvariantCulture), parameter, value);
                case DateTime date:
                    return ByDate(date, parameter, ref history);
                case DateTimeOffset offset:
                    return ByDate(offset.UtcDateTime, parameter, ref history);
                case string text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id):
                    history ??= OpenHistory(null);
                    return Load(history, id, parameter, value);
                case string text when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTime date):
                    return ByDate(date, parameter, ref history);
                default:
                    ThrowTerminatingError(ErrorRecordFactory.Create(new ArgumentException($"-{parameter} takes a PostureSnapshot, a SavedPostureSnapshot, a snapshot id or a date, not '{value}'.", parameter),
                        "PostureDrift.InvalidSnapshot", ErrorCategory.InvalidArgument, value));
                    return null;
            }
        }

        /// <summary>A date alone (midnight) means that whole day: the last snapshot saved on or before its end.</summary>
        private SnapshotState ByDate(DateTime date, string parameter, ref PostureHistory? history)
        {
            history ??= OpenHistory(null);
            DateTime local = date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Local) : date;
            DateTimeOffset at = new DateTimeOffset(local);
            if (date.TimeOfDay == TimeSpan.Zero) at = at.AddDays(1).AddTicks(-1);
            long? id = history.FindSnapshot(at);
            if (id is null) ThrowNotFound($"The history holds no snapshot taken on or before {at:u}.", parameter, date);
            return history.LoadState(id!.Value);
        }

        private SnapshotState Load(PostureHistory history, long id, string parameter, object value)
        {
            try
            {
                return history.LoadState(id);
            }
            catch (KeyNotFoundException e)
            {
                ThrowNotFound(e.Message, parameter, value);
                throw;
            }
        }

        private void ThrowNotFound(string message, string parameter, object? target) =>
            ThrowTerminatingError(ErrorRecordFactory.Create(new ArgumentException(message, parameter), "PostureDrift.SnapshotNotFound", ErrorCategory.ObjectNotFound, target,
                "List the saved snapshots with Get-CtPostureHistory -ListSnapshot."));

        private PostureHistory OpenHistory(string? location)
        {
            string path = !string.IsNullOrEmpty(DatabasePath) ? GetUnresolvedProviderPathFromPSPath(DatabasePath) : location ?? DefaultHistoryPath.Resolve();
            if (!System.IO.File.Exists(path))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(new System.IO.FileNotFoundException($"No posture history at '{path}'.", path),
                    "History.NotFound", ErrorCategory.ObjectNotFound, path, "Save a snapshot first (Save-CtPostureSnapshot), or pass the -DatabasePath it was saved to."));
            }
            return HistoryAccess.Open(this, path);
        }
    }
}
