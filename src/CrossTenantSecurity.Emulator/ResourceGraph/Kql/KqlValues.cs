using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>Conversions and comparisons between the CLR values rows hold, following KQL's rules where they matter.</summary>
    internal static class KqlValues
    {
        /// <summary>JSON scalars become CLR values; objects and arrays stay dynamic (JsonNode).</summary>
        public static object? FromJson(JsonNode? node)
        {
            if (node is not JsonValue value) return node;
            switch (value.GetValueKind())
            {
                case JsonValueKind.String: return value.GetValue<string>();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Number:
                    if (value.TryGetValue(out long l)) return l;
                    if (value.TryGetValue(out int i)) return (long)i;
                    return value.GetValue<double>();
                default: return null;
            }
        }

        public static void Write(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case long l: writer.WriteNumberValue(l); break;
                case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
                case double d: writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case DateTime t: writer.WriteStringValue(FormatDate(t)); break;
                case JsonNode node: node.WriteTo(writer); break;
                default: writer.WriteStringValue(value.ToString()); break;
            }
        }

        /// <summary>A fresh JsonNode for a value (used when building dynamic arrays).</summary>
        public static JsonNode? ToJsonNode(object? value) => value switch
        {
            null => null,
            string s => JsonValue.Create(s),
            long l => JsonValue.Create(l),
            double d => JsonValue.Create(d),
            bool b => JsonValue.Create(b),
            DateTime t => JsonValue.Create(FormatDate(t)),
            JsonNode node => node.DeepClone(),
            _ => JsonValue.Create(value.ToString()),
        };

        /// <summary>tostring(): null becomes the empty string, dynamic values their JSON text.</summary>
        public static string ToText(object? value) => value switch
        {
            null => string.Empty,
            string s => s,
            long l => l.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            DateTime t => FormatDate(t),
            JsonNode node => node.ToJsonString(),
            _ => value.ToString() ?? string.Empty,
        };

        public static string FormatDate(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        public static bool IsEmpty(object? value) => value is null || (value is string s && s.Length == 0);

        public static double? ToDouble(object? value) => value switch
        {
            long l => l,
            double d => d,
            bool b => b ? 1 : 0,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => null,
        };

        public static long? ToLong(object? value) => value switch
        {
            long l => l,
            double d when double.IsFinite(d) => (long)Math.Truncate(d),
            bool b => b ? 1 : 0,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => l,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) => (long)Math.Truncate(d),
            _ => null,
        };

        public static bool? ToBool(object? value) => value switch
        {
            bool b => b,
            long l => l != 0,
            double d => d != 0,
            string s when bool.TryParse(s, out bool b) => b,
            string s when s == "1" || s == "0" => s == "1",
            _ => null,
        };

        public static DateTime? ToDate(object? value) => value switch
        {
            DateTime t => t,
            string s when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t) => t,
            _ => null,
        };

        /// <summary>== semantics: numbers by value, strings ordinally (or ignoring case), dynamic values by JSON text.</summary>
        public static bool AreEqual(object? left, object? right, bool ignoreCase = false)
        {
            if (left is null || right is null) return left is null && right is null;
            if (IsNumber(left) && IsNumber(right)) return ToDouble(left) == ToDouble(right);
            if (left is DateTime || right is DateTime) return ToDate(left) is { } a && ToDate(right) is { } b && a == b;
            if (left is bool lb && right is bool rb) return lb == rb;
            return string.Equals(ToText(left), ToText(right), ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        /// <summary>Ordering for order by and &lt; &gt;: null lowest, then numbers, then the rest by type and value.</summary>
        public static int Compare(object? left, object? right)
        {
            if (left is null || right is null) return left is null ? (right is null ? 0 : -1) : 1;
            if (IsNumber(left) && IsNumber(right)) return ToDouble(left)!.Value.CompareTo(ToDouble(right)!.Value);
            if ((left is DateTime || right is DateTime) && ToDate(left) is { } a && ToDate(right) is { } b) return a.CompareTo(b);
            if (left is bool lb && right is bool rb) return lb.CompareTo(rb);
            if (IsNumber(left) && right is string rs && ToDouble(rs) is { } rd) return ToDouble(left)!.Value.CompareTo(rd);
            if (left is string ls && IsNumber(right) && ToDouble(ls) is { } ld) return ld.CompareTo(ToDouble(right)!.Value);
            return string.CompareOrdinal(ToText(left), ToText(right));
        }

        public static bool IsNumber(object? value) => value is long || value is double;

        /// <summary>A grouping key that keeps types apart (1 and "1" are different groups).</summary>
        public static string KeyText(object? value) => value switch
        {
            null => "n:",
            string s => "s:" + s,
            long l => "l:" + l.ToString(CultureInfo.InvariantCulture),
            double d => "d:" + d.ToString("R", CultureInfo.InvariantCulture),
            _ => value.GetType().Name + ":" + ToText(value),
        };
    }
}
