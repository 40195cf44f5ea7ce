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
                if (current.ValueKind != JsonValueKind.Object || !TryGetProperty(current, name, out JsonElement next)) return null;
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

        /// <summary>
        /// A string, number or integer the kind's <see cref="RequiredFields"/> guarantee: items are checked against them before
        /// they are parsed, so a missing value here is a bug, never a default.
        /// </summary>
        public static string RequiredString(JsonElement element, params string[] path) => String(element, path) ?? throw NotChecked(path);

        public static double RequiredDouble(JsonElement element, params string[] path) => Double(element, path) ?? throw NotChecked(path);

        public static long RequiredLong(JsonElement element, params string[] path) => Long(element, path) ?? throw NotChecked(path);

        public static int RequiredInt(JsonElement element, params string[] path) => (int)RequiredLong(element, path);

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

        /// <summary>A property of an object by name, exactly or else ignoring case.</summary>
        public static bool TryGetProperty(JsonElement obj, string name, out JsonElement value)
        {
            if (obj.TryGetProperty(name, out value)) return true;
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

        private static InvalidOperationException NotChecked(string[] path) =>
            new($"{string.Join('.', path)} is read as required, but the item was not checked against its kind's RequiredFields.");
    }
}
