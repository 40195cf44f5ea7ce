using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Engine;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// A command that works on a snapshot: piped in, or a fresh one taken with the scope parameters (as
    /// Get-CtPostureSnapshot -IncludeDetail would). Also resolves -DatabasePath.
    /// </summary>
    public abstract class CtSnapshotInputCmdlet : CtCmdlet
    {
        private readonly List<PostureSnapshot> _snapshots = new List<PostureSnapshot>();

        /// <summary>A snapshot from Get-CtPostureSnapshot; with none, a fresh one is taken.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PostureSnapshot? InputObject { get; set; }

        /// <summary>For a fresh snapshot: only these customers (home tenant ids).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TenantIdCompleter))]
        public string[]? TenantId { get; set; }

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

        internal override string ProgressActivity => "Taking a posture snapshot";

        protected override void ProcessRecord()
        {
            if (InputObject is not null) _snapshots.Add(InputObject);
        }

        /// <summary>The piped snapshots, or one fresh snapshot (null when the pipeline was stopped).</summary>
        internal IReadOnlyList<PostureSnapshot> SnapshotsOrFresh()
        {
            if (_snapshots.Count > 0) return _snapshots;
            var tenants = new List<Guid>();
            IdArguments.Collect(this, TenantId, nameof(TenantId), tenants);
            if (TenantId is { Length: > 0 } && tenants.Count == 0) return Array.Empty<PostureSnapshot>();
            CrossTenantClient client = RequireClient();
            var query = new PostureQuery
            {
                MaxConcurrency = ThrottleLimit,
                Source = (PostureSource)Enum.Parse(typeof(PostureSource), Source, ignoreCase: true),
                Scope = new SubscriptionQuery { IncludeHome = IncludeHome, TenantIds = tenants.ToArray() },
            };
            PostureSnapshot? snapshot = null;
            RunStreaming<PostureSnapshot>((sink, token) => client.GetPostureSnapshotAsync(query, true, new SnapshotCapture(sink, s => snapshot = s), token));
            return snapshot is null ? Array.Empty<PostureSnapshot>() : new[] { snapshot };
        }

        internal string ResolveDatabasePath(string? databasePath) =>
            string.IsNullOrEmpty(databasePath) ? DefaultHistoryPath.Resolve() : GetUnresolvedProviderPathFromPSPath(databasePath);

        internal string ModuleVersion => MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(CtCmdlet).Assembly.GetName().Version?.ToString() ?? "0.0.0";
    }
}
