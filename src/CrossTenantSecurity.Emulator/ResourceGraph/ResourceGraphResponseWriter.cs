using System.Buffers;
using System.Text.Json;
using CrossTenantSecurity.Emulator.ResourceGraph.Kql;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>Serialises a page as ARG's QueryResponse, in objectArray or table format.</summary>
    internal static class ResourceGraphResponseWriter
    {
        /// <summary>ARG refuses responses above 16 MiB (ResponsePayloadTooLarge).</summary>
        public const long MaxPayloadBytes = 16 * 1024 * 1024;

        public static byte[] Write(KqlSchema columns, ResourceGraphPage page, bool table)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("totalRecords", page.TotalRecords);
                writer.WriteNumber("count", page.Rows.Count);
                writer.WritePropertyName("data");
                if (table) WriteTable(writer, columns, page);
                else WriteObjects(writer, columns, page);
                writer.WriteStartArray("facets");
                writer.WriteEndArray();
                // A string, not a boolean, as ARG sends it.
                writer.WriteString("resultTruncated", page.ResultTruncated ? "true" : "false");
                if (page.SkipToken is not null) writer.WriteString("$skipToken", page.SkipToken);
                writer.WriteEndObject();
            }
            return buffer.WrittenSpan.ToArray();
        }

        private static void WriteObjects(Utf8JsonWriter writer, KqlSchema columns, ResourceGraphPage page)
        {
            writer.WriteStartArray();
            foreach (KqlRow row in page.Rows)
            {
                writer.WriteStartObject();
                foreach (var (name, type) in columns.Columns)
                {
                    writer.WritePropertyName(name);
                    WriteCell(writer, row[name], type);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }

        private static void WriteTable(Utf8JsonWriter writer, KqlSchema columns, ResourceGraphPage page)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("columns");
            foreach (var (name, type) in columns.Columns)
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("type", type.TableName());
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("rows");
            foreach (KqlRow row in page.Rows)
            {
                writer.WriteStartArray();
                foreach (var (name, type) in columns.Columns) WriteCell(writer, row[name], type);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        /// <summary>KQL strings are never null: a missing string cell is "".</summary>
        private static void WriteCell(Utf8JsonWriter writer, object? value, KqlType type) =>
            KqlValues.Write(writer, value is null && type == KqlType.String ? string.Empty : value);
    }
}
