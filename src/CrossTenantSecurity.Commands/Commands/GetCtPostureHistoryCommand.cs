using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Trend rows from the history: one row per saved snapshot, scope (customer, or subscription) and metric, with the
    /// change since the previous snapshot. -ListSnapshot lists the saved snapshots instead.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtPostureHistory", DefaultParameterSetName = TrendSet)]
    [OutputType(typeof(PostureTrendPoint), ParameterSetName = new[] { TrendSet })]
    [OutputType(typeof(SavedPostureSnapshot), ParameterSetName = new[] { ListSet })]
    public sealed class GetCtPostureHistoryCommand : CtCmdlet
    {
        private const string TrendSet = "Trend";
        private const string ListSet = "ListSnapshot";
        private readonly List<Guid> _tenants = new List<Guid>();
        private readonly List<string> _subscriptions = new List<string>();

        /// <summary>The SQLite file; default: the user's data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DatabasePath { get; set; }

        /// <summary>Only these customers (home tenant ids); binds from TenantId of piped objects.</summary>
        [Parameter(ParameterSetName = TrendSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TenantIdCompleter))]
        public string[]? TenantId { get; set; }

        /// <summary>Rows per subscription, only these subscriptions.</summary>
        [Parameter(ParameterSetName = TrendSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SubscriptionIdCompleter))]
        public string[]? SubscriptionId { get; set; }

        /// <summary>Rows per subscription (every subscription of the customers asked for).</summary>
        [Parameter(ParameterSetName = TrendSet)]
        public SwitchParameter BySubscription { get; set; }

        /// <summary>Snapshots taken at or after this time.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Snapshots taken at or before this time.</summary>
        [Parameter]
        public DateTime? Until { get; set; }

        /// <summary>SecureScore, UnhealthyHigh, ActiveAlerts, PlanCoverage, Compliance (default: all).</summary>
        [Parameter(ParameterSetName = TrendSet)]
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
            string path = string.IsNullOrEmpty(DatabasePath) ? DefaultHistoryPath.Resolve() : GetUnresolvedProviderPathFromPSPath(DatabasePath);
            if (!System.IO.File.Exists(path))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(new System.IO.FileNotFoundException($"No posture history at '{path}'.", path),
                    "History.NotFound", ErrorCategory.ObjectNotFound, path, "Save a snapshot first (Get-CtPostureSnapshot | Save-CtPostureSnapshot), or pass the -DatabasePath it was saved to."));
            }
            DateTimeOffset? since = Since is DateTime s ? new DateTimeOffset(s.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(s, DateTimeKind.Local) : s) : null;
            DateTimeOffset? until = Until is DateTime u ? new DateTimeOffset(u.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(u, DateTimeKind.Local) : u) : null;
            using PostureHistory history = HistoryAccess.Open(this, path);
            if (ListSnapshot)
            {
                foreach (SavedPostureSnapshot saved in history.ListSnapshots(since, until)) WriteObject(saved);
                return;
            }
            var query = new TrendQuery
            {
                TenantIds = _tenants.Distinct().ToArray(),
                SubscriptionIds = _subscriptions.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                BySubscription = BySubscription,
                Since = since,
                Until = until,
            };
            if (Metric is { Length: > 0 }) query.Metrics = Metric;
            foreach (PostureTrendPoint point in history.GetTrend(query, StopToken)) WriteObject(point);
        }
    }
}
