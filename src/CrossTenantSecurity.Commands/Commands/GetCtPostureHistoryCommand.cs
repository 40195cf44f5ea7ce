using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Trend rows from the history: one row per saved snapshot, scope (customer, or subscription) and metric, with the
    /// change since the previous snapshot. -ListSnapshot lists the saved snapshots instead.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtPostureHistory", DefaultParameterSetName = TrendSet)]
    [OutputType(typeof(PostureTrendPoint), ParameterSetName = new[] { TrendSet, WorkspaceSet })]
    [OutputType(typeof(SavedPostureSnapshot), ParameterSetName = new[] { ListSet })]
    public sealed class GetCtPostureHistoryCommand : CtCmdlet
    {
        private const string TrendSet = "Trend";
        private const string ListSet = "ListSnapshot";
        private const string WorkspaceSet = "Workspace";
        private readonly List<Guid> _tenants = new List<Guid>();
        private readonly List<string> _subscriptions = new List<string>();

        /// <summary>The SQLite file; default: the user's data folder.</summary>
        [Parameter(ParameterSetName = TrendSet)]
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? DatabasePath { get; set; }

        /// <summary>Read the trend from this Log Analytics workspace (its workspace id, the customerId GUID) instead of SQLite.</summary>
        [Parameter(Mandatory = true, ParameterSetName = WorkspaceSet)]
        public Guid Workspace { get; set; }

        /// <summary>Only these customers (home tenant ids); binds from TenantId of piped objects.</summary>
        [Parameter(ParameterSetName = TrendSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = WorkspaceSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TenantIdCompleter))]
        public string[]? TenantId { get; set; }

        /// <summary>Rows per subscription, only these subscriptions.</summary>
        [Parameter(ParameterSetName = TrendSet)]
        [Parameter(ParameterSetName = WorkspaceSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SubscriptionIdCompleter))]
        public string[]? SubscriptionId { get; set; }

        /// <summary>Rows per subscription (every subscription of the customers asked for).</summary>
        [Parameter(ParameterSetName = TrendSet)]
        [Parameter(ParameterSetName = WorkspaceSet)]
        public SwitchParameter BySubscription { get; set; }

        /// <summary>Snapshots taken at or after this time.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Snapshots taken at or before this time.</summary>
        [Parameter]
        public DateTime? Until { get; set; }

        /// <summary>SecureScore, UnhealthyHigh, ActiveAlerts, PlanCoverage, Compliance (default: all).</summary>
        [Parameter(ParameterSetName = TrendSet)]
        [Parameter(ParameterSetName = WorkspaceSet)]
        public PostureMetric[]? Metric { get; set; }

        /// <summary>List the saved snapshots (id, time, headline numbers) instead of trend rows.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ListSet)]
        public SwitchParameter ListSnapshot { get; set; }

        internal override string ErrorNoun => "PostureHistory";

        protected override void ProcessRecord()
        {
            IdArguments.Collect(this, TenantId, nameof(TenantId), _tenants);
            if (SubscriptionId is not null) _subscriptions.AddRange(SubscriptionId.Select(s => s.Trim()));
        }

        protected override void EndProcessing()
        {
            if (TenantId is { Length: > 0 } && _tenants.Count == 0) return;
            if (ParameterSetName == WorkspaceSet)
            {
                ReadWorkspace();
                return;
            }
            string path = string.IsNullOrEmpty(DatabasePath) ? DefaultHistoryPath.Resolve() : GetUnresolvedProviderPathFromPSPath(DatabasePath);
            if (!System.IO.File.Exists(path))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(new System.IO.FileNotFoundException($"No posture history at '{path}'.", path),
                    "History.NotFound", ErrorCategory.ObjectNotFound, path, "Save a snapshot first (Get-CtPostureSnapshot | Save-CtPostureSnapshot), or pass the -DatabasePath it was saved to."));
            }
            DateTimeOffset? since = Moment(Since), until = Moment(Until);
            using PostureHistory history = HistoryAccess.Open(this, path);
            if (ListSnapshot)
            {
                foreach (SavedPostureSnapshot saved in history.ListSnapshots(since, until)) WriteObject(saved);
                return;
            }
            foreach (PostureTrendPoint point in history.GetTrend(Query(), StopToken)) WriteObject(point);
        }

        /// <summary>The same trend from CtPostureHistory_CL, through the Log Analytics query API under the session's token.</summary>
        private void ReadWorkspace()
        {
            TrendQuery query = Query();
            Guid workspace = Workspace;
            CrossTenantClient client = RequireClient();
            RunStreaming<PostureTrendPoint>(async (sink, token) =>
            {
                foreach (PostureTrendPoint point in await client.GetWorkspaceTrendAsync(workspace, query, sink.OnVerbose, token).ConfigureAwait(false))
                    sink.OnResult(point);
            });
        }

        private TrendQuery Query()
        {
            var query = new TrendQuery
            {
                TenantIds = _tenants.Distinct().ToArray(),
                SubscriptionIds = _subscriptions.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                BySubscription = BySubscription,
                Since = Moment(Since),
                Until = Moment(Until),
            };
            if (Metric is { Length: > 0 }) query.Metrics = Metric;
            return query;
        }

        /// <summary>A date without a zone is local time, as PowerShell users type it.</summary>
        private static DateTimeOffset? Moment(DateTime? value) =>
            value is DateTime d ? new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Local) : d) : null;
    }
}
