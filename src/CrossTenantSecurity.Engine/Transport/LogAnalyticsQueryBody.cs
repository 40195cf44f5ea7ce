using System;
using System.IO;
using System.Text.Json;
using System.Xml;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>The query API's body: {"query": KQL, "timespan": an ISO 8601 duration back from now}.</summary>
    internal static class LogAnalyticsQueryBody
    {
        public static byte[] Write(string query, TimeSpan? timespan)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("query", query);
                if (timespan is TimeSpan span) json.WriteString("timespan", XmlConvert.ToString(span));
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }
    }
}
