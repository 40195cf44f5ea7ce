using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using CrossTenantSecurity.Emulator.ResourceGraph.Kql;

namespace CrossTenantSecurity.Emulator.LogAnalytics
{
    /// <summary>Rows sent through Logs Ingestion, in memory per workspace and table, typed by the table's schema.</summary>
    internal sealed class WorkspaceStore
    {
        private readonly object _gate = new();
        private readonly Dictionary<(Guid Workspace, string Table), List<KqlRow>> _rows = new();
        private readonly Func<DateTimeOffset> _clock;

        public WorkspaceStore(Func<DateTimeOffset> clock) => _clock = clock;

        /// <summary>Adds the rows; the service stamps TimeGenerated with the arrival time when a row has none.</summary>
        public void Add(Guid workspace, string table, KqlSchema schema, IEnumerable<JsonObject> rows)
        {
            var typed = new List<KqlRow>();
            foreach (JsonObject source in rows)
            {
                var row = new KqlRow();
                foreach (var (name, type) in schema.Columns) row[name] = Convert(KqlValues.FromJson(source[name]), type);
                row["TimeGenerated"] ??= _clock().UtcDateTime;
                typed.Add(row);
            }
            lock (_gate)
            {
                if (!_rows.TryGetValue((workspace, table), out List<KqlRow>? list)) _rows[(workspace, table)] = list = new List<KqlRow>();
                list.AddRange(typed);
            }
        }

        public IReadOnlyList<KqlRow> Rows(Guid workspace, string table)
        {
            lock (_gate) return _rows.TryGetValue((workspace, table), out List<KqlRow>? list) ? list.Select(r => r.Clone()).ToList() : new List<KqlRow>();
        }

        /// <summary>As a DCR's output columns do: a value of another type is converted, or dropped when it cannot be.</summary>
        private static object? Convert(object? value, KqlType type) => value is null ? null : type switch
        {
            KqlType.String => KqlValues.ToText(value),
            KqlType.Long => KqlValues.ToLong(value),
            KqlType.Real => KqlValues.ToDouble(value),
            KqlType.Bool => KqlValues.ToBool(value),
            KqlType.DateTime => KqlValues.ToDate(value),
            _ => value,
        };
    }
}
