using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossTenantSecurity.Engine.Reporting
{
    /// <summary>RFC 4180 CSV of an object's public scalar properties; lists joined with ';', nested counts flattened (Unhealthy.High -> UnhealthyHigh).</summary>
    internal static class CsvWriter
    {
        public static void Write<T>(string path, IEnumerable<T> rows)
        {
            PropertyInfo[] properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
            var columns = new List<(string Name, Func<object, object?> Get)>();
            foreach (PropertyInfo p in properties)
            {
                if (p.PropertyType == typeof(SeverityCounts))
                {
                    foreach (string part in new[] { "High", "Medium", "Low", "Other" })
                    {
                        PropertyInfo inner = typeof(SeverityCounts).GetProperty(part)!;
                        columns.Add((p.Name + part, o => p.GetValue(o) is { } c ? inner.GetValue(c) : null));
                    }
                }
                else if (IsScalar(p.PropertyType) || typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
                {
                    columns.Add((p.Name, o => p.GetValue(o)));
                }
            }
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
            writer.WriteLine(string.Join(",", columns.Select(c => Quote(c.Name))));
            foreach (T row in rows)
            {
                if (row is null) continue;
                writer.WriteLine(string.Join(",", columns.Select(c => Quote(Format(c.Get(row))))));
            }
        }

        private static bool IsScalar(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(TimeSpan);
        }

        private static string Format(object? value) => value switch
        {
            null => string.Empty,
            string s => s,
            double d => double.IsNaN(d) ? string.Empty : d.ToString("R", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToString("o", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable list => string.Join(";", list.Cast<object?>().Select(Format)),
            _ => value.ToString() ?? string.Empty,
        };

        /// <summary>Always quoted; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
        private static string Quote(string value)
        {
            if (value.Length > 0 && "=+-@".IndexOf(value[0]) >= 0 && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) value = "'" + value;
            return "\"" + value.Replace("\"", "\"\"") + "\"";
        }
    }
}
