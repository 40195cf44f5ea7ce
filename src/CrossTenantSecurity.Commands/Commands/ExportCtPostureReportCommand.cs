using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;
using CrossTenantSecurity.Engine.History;
using CrossTenantSecurity.Engine.Reporting;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Writes a posture snapshot (from the pipeline, or a fresh one) as a self-contained HTML report, and with -Format
    /// as schema-versioned JSON and CSV files per kind. -TenantId narrows the report to one customer.
    /// </summary>
    [Cmdlet(VerbsData.Export, "CtPostureReport", HelpUri = HelpUris.Prefix + "Export-CtPostureReport.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportCtPostureReportCommand : CtCmdlet
    {
        private readonly List<PostureSnapshot> _snapshots = new List<PostureSnapshot>();

        [Parameter(ValueFromPipeline = true)]
        public PostureSnapshot? InputObject { get; set; }

        /// <summary>The report file (report.html); JSON and CSV files are written beside it with the same base name.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter]
        [ValidateSet("Html", "Json", "Csv")]
        public string[] Format { get; set; } = { "Html" };

        /// <summary>One customer: the report holds only that customer's data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TenantIdCompleter))]
        public string? TenantId { get; set; }

        /// <summary>For a fresh snapshot: also cover the managing tenant's own subscriptions.</summary>
        [Parameter]
        public SwitchParameter IncludeHome { get; set; }

        /// <summary>For a fresh snapshot: subscriptions read at once.</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 64;

        /// <summary>For a fresh snapshot: Arm, ResourceGraph or Auto.</summary>
        [Parameter]
        [ValidateSet("Auto", "Arm", "ResourceGraph")]
        public string Source { get; set; } = "Auto";

        /// <summary>The SQLite history whose secure scores become a trend chart per customer; default: the default history when it exists.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DatabasePath { get; set; }

        internal override string ErrorNoun => "PostureReport";
        internal override string ProgressActivity => "Taking a posture snapshot";

        protected override void ProcessRecord()
        {
            if (InputObject is not null) _snapshots.Add(InputObject);
        }

        protected override void EndProcessing()
        {
            Guid? tenant = null;
            if (TenantId is not null)
            {
                if (!IdArguments.TryParse(TenantId, out Guid id)) ThrowTerminatingError(IdArguments.InvalidGuid(ErrorNoun, nameof(TenantId), TenantId));
                tenant = id;
            }

            PostureSnapshot? snapshot = _snapshots.LastOrDefault();
            if (_snapshots.Count > 1) WriteWarning($"{_snapshots.Count} snapshots came down the pipeline; the report is written from the last one.");
            if (snapshot is null)
            {
                CrossTenantClient client = RequireClient();
                var query = new PostureQuery
                {
                    MaxConcurrency = ThrottleLimit,
                    Source = (PostureSource)Enum.Parse(typeof(PostureSource), Source, ignoreCase: true),
                    Scope = new SubscriptionQuery { IncludeHome = IncludeHome, TenantIds = tenant is Guid t ? new[] { t } : Array.Empty<Guid>() },
                };
                RunStreaming<PostureSnapshot>((sink, token) => client.GetPostureSnapshotAsync(query, false, new SnapshotCapture(sink, s => snapshot = s), token));
                if (snapshot is null) return; // stopped
            }

            if (tenant is Guid only)
            {
                if (!snapshot.Tenants.Any(t => t.TenantId == only))
                {
                    ThrowTerminatingError(ErrorRecordFactory.Create(new ArgumentException($"The snapshot holds no customer with tenant id {only}.", nameof(TenantId)),
                        "PostureReport.TenantNotInSnapshot", ErrorCategory.ObjectNotFound, only,
                        "Pass the home tenant id of a customer in the snapshot ($snapshot.Tenants lists them), or take the snapshot with -TenantId."));
                }
                snapshot = snapshot.ForTenant(only);
            }

            string path = GetUnresolvedProviderPathFromPSPath(Path);
            string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            string extension = System.IO.Path.GetExtension(path);
            string basePath = extension.Length > 0 ? path.Substring(0, path.Length - extension.Length) : path;

            foreach (string format in Format.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                switch (format.ToUpperInvariant())
                {
                    case "HTML":
                        string html = string.Equals(extension, ".html", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".htm", StringComparison.OrdinalIgnoreCase) ? path : basePath + ".html";
                        PostureReportWriter.WriteHtml(snapshot, html, History(snapshot));
                        WriteObject(new FileInfo(html));
                        break;
                    case "JSON":
                        string json = basePath + ".json";
                        PostureReportWriter.WriteJson(snapshot, json);
                        WriteObject(new FileInfo(json));
                        break;
                    case "CSV":
                        foreach (string csv in PostureReportWriter.WriteCsv(snapshot, basePath)) WriteObject(new FileInfo(csv));
                        break;
                }
            }
        }

        /// <summary>The snapshot's customers' secure scores from the history, or null when there is none to draw.</summary>
        private IReadOnlyList<PostureTrendPoint>? History(PostureSnapshot snapshot)
        {
            string path = string.IsNullOrEmpty(DatabasePath) ? DefaultHistoryPath.Resolve() : GetUnresolvedProviderPathFromPSPath(DatabasePath);
            if (!File.Exists(path))
            {
                if (!string.IsNullOrEmpty(DatabasePath)) WriteWarning($"No posture history at '{path}': the report has no trend chart.");
                return null;
            }
            try
            {
                using PostureHistory history = PostureHistory.Open(path);
                var query = new TrendQuery { TenantIds = snapshot.Tenants.Select(t => t.TenantId).ToArray(), Metrics = new[] { PostureMetric.SecureScore } };
                IReadOnlyList<PostureTrendPoint> points = history.GetTrend(query, StopToken);
                WriteVerbose($"{points.Count} secure score points from '{path}' for the trend chart.");
                return points;
            }
            catch (Exception e) when (e is not PipelineStoppedException and not OperationCanceledException)
            {
                WriteWarning($"The posture history at '{path}' could not be read ({e.Message}): the report has no trend chart.");
                return null;
            }
        }
    }
}
