using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>The POST body: query, explicit subscriptions, page size and (after the first page) the skip token.</summary>
    internal static class ResourceGraphRequestBody
    {
        public static byte[] Write(string query, IReadOnlyList<string> subscriptions, int pageSize, string? skipToken)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("query", query);
                json.WriteStartArray("subscriptions");
                foreach (string id in subscriptions) json.WriteStringValue(id);
                json.WriteEndArray();
                json.WriteStartObject("options");
                json.WriteNumber("$top", pageSize);
                if (skipToken is not null) json.WriteString("$skipToken", skipToken);
                json.WriteString("resultFormat", "objectArray");
                json.WriteEndObject();
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }
    }
}
