using System;
using System.Globalization;
using System.Text.Json;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// A Log Analytics cell as a .NET value by its column's Kusto type: bool, long (int, long), double (real, decimal),
    /// DateTimeOffset (datetime), Guid (guid), TimeSpan (timespan), else string; dynamic stays JSON text. The service may
    /// send numbers as strings (its own examples do); a value that does not read as its type is kept as text.
    /// </summary>
    internal static class LogAnalyticsValue
    {
        public static object? Read(JsonElement value, string type)
        {
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) return value.GetRawText();
            string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            switch (type.ToLowerInvariant())
            {
                case "bool" or "boolean":
                    return bool.TryParse(text, out bool flag) ? flag : text;
                case "int" or "long":
                    return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long whole) ? whole : text;
                case "real" or "double" or "decimal":
                    return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : text;
                case "datetime" or "date":
                    return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? at : text;
                case "guid" or "uniqueid":
                    return Guid.TryParse(text, out Guid id) ? id : text;
                case "timespan" or "time":
                    return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span) ? span : text;
                default:
                    return text;
            }
        }
    }
}
