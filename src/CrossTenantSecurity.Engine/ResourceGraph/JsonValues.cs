using System.Collections.Generic;
using System.Text.Json;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>JSON to plain .NET values: string, long or double, bool, null, ordered dictionaries and lists.</summary>
    internal static class JsonValues
    {
        public static object? ToValue(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => ToRow(element),
            JsonValueKind.Array => ToList(element),
            JsonValueKind.String => element.GetString(),
            // Box each branch: "? whole : GetDouble()" alone would make every number a double.
            JsonValueKind.Number => element.TryGetInt64(out long whole) ? (object)whole : element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };

        public static ResourceGraphRow ToRow(JsonElement obj)
        {
            var row = new ResourceGraphRow();
            foreach (JsonProperty property in obj.EnumerateObject()) row.Add(property.Name, ToValue(property.Value));
            return row;
        }

        private static IReadOnlyList<object?> ToList(JsonElement array)
        {
            var list = new List<object?>(array.GetArrayLength());
            foreach (JsonElement item in array.EnumerateArray()) list.Add(ToValue(item));
            return list;
        }
    }
}
