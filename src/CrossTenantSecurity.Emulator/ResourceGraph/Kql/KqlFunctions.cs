using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>A call to a scalar function, bound by name and arity when the query is parsed.</summary>
    internal sealed class KqlFunctionExpression : KqlExpression
    {
        private readonly string _name;
        private readonly IReadOnlyList<KqlExpression> _args;
        private readonly Func<KqlRow, object?> _body;
        private readonly KqlType _type;

        private KqlFunctionExpression(string name, IReadOnlyList<KqlExpression> args, KqlType type, Func<KqlRow, object?> body)
        {
            _name = name;
            _args = args;
            _type = type;
            _body = body;
        }

        public override KqlType Type => _type;

        /// <summary>tostring(properties.x) keeps the name properties_x, as KQL does for conversions.</summary>
        public override string? SuggestedName => _name.StartsWith("to", StringComparison.Ordinal) && _args.Count == 1 ? _args[0].SuggestedName : null;

        public override object? Evaluate(KqlRow row) => _body(row);

        public static KqlExpression Bind(string name, IReadOnlyList<KqlExpression> a, int position)
        {
            object? Arg(KqlRow row, int i) => a[i].Evaluate(row);
            KqlFunctionExpression Make(int min, int max, KqlType type, Func<KqlRow, object?> body)
            {
                if (a.Count < min || a.Count > max)
                    throw new KqlException("SemanticError", $"SemanticError: line 1, pos {position}: function '{name}' expects {(min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{min} to {max}")} argument(s), got {a.Count}.");
                return new KqlFunctionExpression(name, a, type, body);
            }

            switch (name)
            {
                case "tostring": return Make(1, 1, KqlType.String, r => KqlValues.ToText(Arg(r, 0)));
                case "toint" or "tolong": return Make(1, 1, KqlType.Long, r => KqlValues.ToLong(Arg(r, 0)));
                case "todouble" or "toreal" or "todecimal": return Make(1, 1, KqlType.Real, r => KqlValues.ToDouble(Arg(r, 0)));
                case "tobool" or "toboolean": return Make(1, 1, KqlType.Bool, r => KqlValues.ToBool(Arg(r, 0)));
                case "todatetime": return Make(1, 1, KqlType.DateTime, r => KqlValues.ToDate(Arg(r, 0)));
                case "todynamic" or "parse_json": return Make(1, 1, KqlType.Dynamic, r => ParseJson(Arg(r, 0)));
                case "iff" or "iif":
                    return Make(3, 3, a.Count == 3 && a[1] is KqlLiteralExpression { Value: null } ? a[2].Type : a.Count == 3 ? a[1].Type : KqlType.Dynamic,
                        r => Arg(r, 0) is true ? Arg(r, 1) : Arg(r, 2));
                case "case":
                    return Make(3, 99, a.Count > 1 ? a[1].Type : KqlType.Dynamic, r =>
                    {
                        for (int i = 0; i + 1 < a.Count; i += 2)
                        {
                            if (Arg(r, i) is true) return Arg(r, i + 1);
                        }
                        return Arg(r, a.Count - 1);
                    });
                case "coalesce":
                    return Make(2, 64, a.Count > 0 ? a[0].Type : KqlType.Dynamic, r =>
                    {
                        for (int i = 0; i < a.Count; i++)
                        {
                            object? v = Arg(r, i);
                            if (!KqlValues.IsEmpty(v)) return v;
                        }
                        return a[0].Type == KqlType.String ? string.Empty : null;
                    });
                case "round":
                    return Make(1, 2, KqlType.Real, r => KqlValues.ToDouble(Arg(r, 0)) is double x
                        ? Math.Round(x, (int)Math.Clamp(a.Count > 1 ? KqlValues.ToLong(Arg(r, 1)) ?? 0 : 0, 0, 15), MidpointRounding.AwayFromZero) : null);
                case "abs": return Make(1, 1, a.Count == 1 ? a[0].Type : KqlType.Real, r => Arg(r, 0) switch { long l => Math.Abs(l), double d => Math.Abs(d), _ => null });
                case "strcat": return Make(1, 64, KqlType.String, r => string.Concat(a.Select(e => KqlValues.ToText(e.Evaluate(r)))));
                case "tolower": return Make(1, 1, KqlType.String, r => KqlValues.ToText(Arg(r, 0)).ToLowerInvariant());
                case "toupper": return Make(1, 1, KqlType.String, r => KqlValues.ToText(Arg(r, 0)).ToUpperInvariant());
                case "strlen": return Make(1, 1, KqlType.Long, r => (long)KqlValues.ToText(Arg(r, 0)).Length);
                case "substring": return Make(2, 3, KqlType.String, r => Substring(KqlValues.ToText(Arg(r, 0)), KqlValues.ToLong(Arg(r, 1)) ?? 0, a.Count > 2 ? KqlValues.ToLong(Arg(r, 2)) : null));
                case "split": return Make(2, 3, KqlType.Dynamic, r => Split(KqlValues.ToText(Arg(r, 0)), KqlValues.ToText(Arg(r, 1)), a.Count > 2 ? KqlValues.ToLong(Arg(r, 2)) : null));
                case "array_length": return Make(1, 1, KqlType.Long, r => Arg(r, 0) is JsonArray array ? (long)array.Count : null);
                case "isempty": return Make(1, 1, KqlType.Bool, r => KqlValues.IsEmpty(Arg(r, 0)));
                case "isnotempty": return Make(1, 1, KqlType.Bool, r => !KqlValues.IsEmpty(Arg(r, 0)));
                case "isnull": return Make(1, 1, KqlType.Bool, r => Arg(r, 0) is null);
                case "isnotnull": return Make(1, 1, KqlType.Bool, r => Arg(r, 0) is not null);
                case "not": return Make(1, 1, KqlType.Bool, r => Arg(r, 0) is not true);
                case "now": return Make(0, 0, KqlType.DateTime, _ => DateTime.UtcNow);
                default: throw new KqlException("UnknownFunction", $"SemanticError: line 1, pos {position}: Unknown function: '{name}'.");
            }
        }

        private static object? ParseJson(object? value)
        {
            if (value is not string text) return value;
            try
            {
                return KqlValues.FromJson(JsonNode.Parse(text));
            }
            catch (JsonException)
            {
                return text;
            }
        }

        private static string Substring(string text, long start, long? length)
        {
            int from = (int)Math.Clamp(start, 0, text.Length);
            int count = (int)Math.Clamp(length ?? text.Length - from, 0, text.Length - from);
            return text.Substring(from, count);
        }

        private static object? Split(string text, string delimiter, long? index)
        {
            string[] parts = delimiter.Length == 0 ? new[] { text } : text.Split(delimiter);
            if (index is long i) return i >= 0 && i < parts.Length ? new JsonArray(JsonValue.Create(parts[i])) : new JsonArray();
            return new JsonArray(parts.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        }
    }
}
