using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>
    /// One row flowing through the pipeline: ordered, case-sensitive columns holding string, long, double, bool,
    /// DateTime, a JsonNode (dynamic object or array) or null.
    /// </summary>
    internal sealed class KqlRow
    {
        private readonly OrderedDictionary<string, object?> _columns;

        public KqlRow() => _columns = new OrderedDictionary<string, object?>(System.StringComparer.Ordinal);

        private KqlRow(OrderedDictionary<string, object?> columns) => _columns = new OrderedDictionary<string, object?>(columns, System.StringComparer.Ordinal);

        public static KqlRow FromJson(JsonObject source)
        {
            var row = new KqlRow();
            foreach (var (name, value) in source) row._columns[name] = KqlValues.FromJson(value);
            return row;
        }

        public IEnumerable<KeyValuePair<string, object?>> Columns => _columns;

        public object? this[string column]
        {
            get => _columns.TryGetValue(column, out object? value) ? value : null;
            set => _columns[column] = value;
        }

        public bool Remove(string column) => _columns.Remove(column);

        public KqlRow Clone() => new(_columns);
    }
}
