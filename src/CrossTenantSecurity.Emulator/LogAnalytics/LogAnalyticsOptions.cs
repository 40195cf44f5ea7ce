using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.LogAnalytics
{
    /// <summary>
    /// The data collection rules the emulator's Logs Ingestion endpoint knows, and the workspace their streams land in.
    /// The default is one rule routing Custom-CtPostureHistory to CtPostureHistory_CL of <see cref="DefaultWorkspaceId"/>.
    /// </summary>
    public sealed class LogAnalyticsOptions
    {
        public static readonly Guid DefaultWorkspaceId = Guid.Parse("0e0e0e0e-0000-4000-8000-00000000000a");
        public const string DefaultRuleId = "dcr-00000000000000000000000000000000";

        public List<DataCollectionRuleOptions> Rules { get; set; } = new()
        {
            new DataCollectionRuleOptions
            {
                ImmutableId = DefaultRuleId,
                Streams = new() { ["Custom-CtPostureHistory"] = new StreamRoute { WorkspaceId = DefaultWorkspaceId, Table = "CtPostureHistory_CL" } },
            },
        };

        /// <summary>Workspaces the query API answers for, besides every workspace a rule routes to.</summary>
        public List<Guid> Workspaces { get; set; } = new();
    }

    public sealed class DataCollectionRuleOptions
    {
        public string ImmutableId { get; set; } = string.Empty;
        /// <summary>The tenant the rule lives in; only its principals may send to it. Default: the scenario's first tenant (the managing one).</summary>
        public Guid? TenantId { get; set; }
        public Dictionary<string, StreamRoute> Streams { get; set; } = new(StringComparer.Ordinal);
    }

    public sealed class StreamRoute
    {
        public Guid WorkspaceId { get; set; }
        public string Table { get; set; } = string.Empty;
    }
}
