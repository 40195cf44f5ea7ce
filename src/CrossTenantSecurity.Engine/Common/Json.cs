using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace CrossTenantSecurity.Engine.Common
{
    /// <summary>
    /// Tolerant readers for ARM JSON: a missing or differently typed property reads as null, numbers may
    /// come as strings, booleans as "True"/"False" strings, and property names match case-insensitively
    /// (the services are not consistent about casing).
    /// </summary>
    internal static class Json
    {
        public static JsonElement? Get(JsonElement element, params string[] path)
        {
            JsonElement current = element;
            foreach (string name in path)
            {
                if (current.ValueKind != JsonValueKind.Object) return null;
                if (!current.TryGetProperty(name, out JsonElement next) && !TryGetIgnoringCase(current, name, out next)) return null;
                current = next;
            }
            return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
        }

        public static string? String(JsonElement element, params string[] path) =>
            Get(element, path) is { } value
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => null,
                }
                : null;

        public static double? Double(JsonElement element, params string[] path)
        {
            if (Get(element, path) is not { } value) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number)) return number;
            return value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) ? number : null;
        }

        public static long? Long(JsonElement element, params string[] path) =>
            Double(element, path) is double value ? (long)Math.Round(value) : null;

        public static int Int(JsonElement element, params string[] path) => (int)(Long(element, path) ?? 0);

        /// <summary>true/false, or the strings "True"/"False" in any case.</summary>
        public static bool? Bool(JsonElement element, params string[] path)
        {
            if (Get(element, path) is not { } value) return null;
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(value.GetString(), out bool parsed) => parsed,
                _ => null,
            };
        }

        public static DateTimeOffset? Time(JsonElement element, params string[] path) =>
            DateTimeOffset.TryParse(String(element, path), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time) ? time : null;

        /// <summary>An ISO-8601 duration such as PT8H or P29DT23H.</summary>
        public static TimeSpan? Duration(JsonElement element, params string[] path)
        {
            string? text = String(element, path);
            if (string.IsNullOrEmpty(text)) return null;
            try { return XmlConvert.ToTimeSpan(text); }
            catch (FormatException) { return null; }
        }

        public static IReadOnlyList<string> Strings(JsonElement element, params string[] path)
        {
            var result = new List<string>();
            if (Get(element, path) is { ValueKind: JsonValueKind.Array } array)
            {
                foreach (JsonElement item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text) result.Add(text);
                }
            }
            return result;
        }

        public static IEnumerable<JsonElement> Array(JsonElement element, params string[] path) =>
            Get(element, path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : (IEnumerable<JsonElement>)System.Array.Empty<JsonElement>();

        private static bool TryGetIgnoringCase(JsonElement obj, string name, out JsonElement value)
        {
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
            value = default;
            return false;
        }
    }
}
