using System.Collections.Generic;
using System.Text.Json;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// A Log Analytics query's answer, {tables:[{name, columns:[{name,type}], rows:[[...]]}]}. A query that succeeded
    /// only in part (results trimmed, a workspace unreachable) also carries an error beside its tables.
    /// </summary>
    internal sealed class LogAnalyticsResult
    {
        private LogAnalyticsResult(IReadOnlyList<LogAnalyticsTable> tables, string? partialError)
        {
            Tables = tables;
            PartialError = partialError;
        }

        public IReadOnlyList<LogAnalyticsTable> Tables { get; }

        /// <summary>The service's message when it answered with results and an error (PartialError); null otherwise.</summary>
        public string? PartialError { get; }

        public static LogAnalyticsResult Read(JsonElement root)
        {
            var tables = new List<LogAnalyticsTable>();
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tables", out JsonElement all) && all.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement table in all.EnumerateArray()) tables.Add(ReadTable(table));
            }
            string? partialError = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
            return new LogAnalyticsResult(tables, partialError);
        }

        private static LogAnalyticsTable ReadTable(JsonElement table)
        {
            var columns = new List<LogAnalyticsColumn>();
            if (table.TryGetProperty("columns", out JsonElement columnArray) && columnArray.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement column in columnArray.EnumerateArray())
                    columns.Add(new LogAnalyticsColumn(Text(column, "name") ?? string.Empty, Text(column, "type") ?? "string"));
            }
            var rows = new List<IReadOnlyList<object?>>();
            if (table.TryGetProperty("rows", out JsonElement rowArray) && rowArray.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement row in rowArray.EnumerateArray())
                {
                    var values = new object?[columns.Count];
                    int i = 0;
                    foreach (JsonElement value in row.EnumerateArray())
                    {
                        if (i == values.Length) break; // a row longer than the columns: the extra values have no name
                        values[i] = LogAnalyticsValue.Read(value, columns[i].Type);
                        i++;
                    }
                    rows.Add(values);
                }
            }
            return new LogAnalyticsTable(Text(table, "name") ?? string.Empty, columns, rows);
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
