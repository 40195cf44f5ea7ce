using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Emulator.ResourceGraph.Kql;

namespace CrossTenantSecurity.Emulator.LogAnalytics
{
    /// <summary>The tables the emulator's workspaces hold and their typed columns (CtPostureHistory_CL as in docs/log-analytics).</summary>
    internal static class WorkspaceTables
    {
        private static readonly Dictionary<string, (string Name, KqlType Type)[]> Tables = new(StringComparer.Ordinal)
        {
            ["CtPostureHistory_CL"] = new[]
            {
                ("TimeGenerated", KqlType.DateTime), ("SnapshotId", KqlType.String), ("RowKind", KqlType.String), ("ManagingTenantId", KqlType.String),
                ("TenantId", KqlType.String), ("TenantName", KqlType.String), ("SubscriptionId", KqlType.String), ("SubscriptionName", KqlType.String),
                ("SecureScore", KqlType.Real), ("ScoreCurrent", KqlType.Real), ("ScoreMax", KqlType.Real), ("Weight", KqlType.Long),
                ("UnhealthyHigh", KqlType.Long), ("UnhealthyMedium", KqlType.Long), ("UnhealthyLow", KqlType.Long), ("ActiveAlerts", KqlType.Long),
                ("ActiveAlertsHigh", KqlType.Long), ("PlansEnabled", KqlType.Long), ("PlansRead", KqlType.Long), ("EnabledPlans", KqlType.String),
                ("CompliancePassed", KqlType.Long), ("ComplianceFailed", KqlType.Long), ("FailedKinds", KqlType.String), ("ModuleVersion", KqlType.String),
            },
        };

        /// <summary>Table names are case-sensitive in Log Analytics.</summary>
        public static KqlSchema? Schema(string table) =>
            Tables.TryGetValue(table, out var columns) ? new KqlSchema(columns.Select(c => new KeyValuePair<string, KqlType>(c.Name, c.Type))) : null;

        public static string Names => string.Join(", ", Tables.Keys);

        /// <summary>The Log Analytics type name of a column in a query answer.</summary>
        public static string TypeName(KqlType type) => type switch
        {
            KqlType.String => "string",
            KqlType.Long => "long",
            KqlType.Real => "real",
            KqlType.Bool => "bool",
            KqlType.DateTime => "datetime",
            _ => "dynamic",
        };
    }
}
