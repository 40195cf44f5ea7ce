using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>Scalar expressions, by precedence: or, and, comparison, additive, multiplicative, unary, member access.</summary>
    internal sealed partial class KqlParser
    {
        private static readonly string[] ComparisonSymbols = { "==", "!=", "=~", "!~", "<", "<=", ">", ">=" };
        private static readonly string[] TypedNullables = { "real", "double", "long", "int", "string", "bool", "boolean" };

        private KqlExpression ParseExpression()
        {
            KqlExpression left = ParseAnd();
            while (Current.IsWord("or"))
            {
                Next();
                left = new KqlLogicalExpression(false, left, ParseAnd());
            }
            return left;
        }

        private KqlExpression ParseAnd()
        {
            KqlExpression left = ParseComparison();
            while (Current.IsWord("and"))
            {
                Next();
                left = new KqlLogicalExpression(true, left, ParseComparison());
            }
            return left;
        }

        private KqlExpression ParseComparison()
        {
            KqlExpression left = ParseAdditive();
            if (Current.Kind == KqlTokenKind.Symbol && ComparisonSymbols.Contains(Current.Text))
                return new KqlBinaryExpression(Next().Text, left, ParseAdditive());

            bool negate = Current.Is("!") && Peek().Kind == KqlTokenKind.Identifier && !Peek().SpaceBefore;
            KqlToken word = negate ? Peek() : Current;
            if (word.Kind != KqlTokenKind.Identifier) return left;
            if (word.Text == "in")
            {
                if (negate) Next();
                Next();
                bool ignoreCase = Current.Is("~") && !Current.SpaceBefore && TryTake("~");
                Expect("(");
                var values = new List<KqlExpression>();
                if (!Current.Is(")"))
                {
                    do values.Add(ParseAdditive());
                    while (TryTake(","));
                }
                Expect(")");
                return new KqlInExpression(left, values, negate, ignoreCase);
            }
            if (KqlBinaryExpression.StringOperators.Contains(word.Text))
            {
                if (negate) Next();
                Next();
                return new KqlBinaryExpression((negate ? "!" : string.Empty) + word.Text, left, ParseAdditive());
            }
            return left;
        }

        private KqlExpression ParseAdditive()
        {
            KqlExpression left = ParseMultiplicative();
            while (Current.Is("+") || Current.Is("-"))
                left = new KqlBinaryExpression(Next().Text, left, ParseMultiplicative());
            return left;
        }

        private KqlExpression ParseMultiplicative()
        {
            KqlExpression left = ParseUnary();
            while (Current.Is("*") || Current.Is("/") || Current.Is("%"))
                left = new KqlBinaryExpression(Next().Text, left, ParseUnary());
            return left;
        }

        private KqlExpression ParseUnary()
        {
            if (TryTake("-")) return new KqlNegateExpression(ParseUnary());
            if (TryTake("+")) return ParseUnary();
            return ParsePostfix(ParsePrimary());
        }

        private KqlExpression ParsePostfix(KqlExpression target)
        {
            while (true)
            {
                if (Current.Is(".") && Peek().Kind == KqlTokenKind.Identifier)
                {
                    Next();
                    target = new KqlPropertyExpression(target, new KqlLiteralExpression(Next().Text, KqlType.String));
                }
                else if (Current.Is("["))
                {
                    Next();
                    KqlExpression key = ParseExpression();
                    Expect("]");
                    target = new KqlPropertyExpression(target, key);
                }
                else return target;
            }
        }

        private KqlExpression ParsePrimary()
        {
            KqlToken token = Current;
            switch (token.Kind)
            {
                case KqlTokenKind.String:
                    Next();
                    return new KqlLiteralExpression(token.Text, KqlType.String);
                case KqlTokenKind.Long:
                    Next();
                    return long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long number)
                        ? new KqlLiteralExpression(number, KqlType.Long)
                        : new KqlLiteralExpression(double.Parse(token.Text, CultureInfo.InvariantCulture), KqlType.Real);
                case KqlTokenKind.Real:
                    Next();
                    return new KqlLiteralExpression(double.Parse(token.Text, CultureInfo.InvariantCulture), KqlType.Real);
                case KqlTokenKind.Symbol when token.Is("("):
                    Next();
                    KqlExpression inner = ParseExpression();
                    Expect(")");
                    return inner;
                case KqlTokenKind.Identifier:
                    return ParseIdentifier();
                default:
                    throw KqlException.Parser(token.Position, token.Kind == KqlTokenKind.End ? "The query ended where an expression was expected." : $"Unexpected '{token.Text}' where an expression was expected.");
            }
        }

        private KqlExpression ParseIdentifier()
        {
            KqlToken token = Next();
            if (!Current.Is("("))
            {
                switch (token.Text)
                {
                    case "true": return new KqlLiteralExpression(true, KqlType.Bool);
                    case "false": return new KqlLiteralExpression(false, KqlType.Bool);
                    case "null": return new KqlLiteralExpression(null, KqlType.Dynamic);
                }
                if (!_schema.TryGetType(token.Text, out KqlType type)) throw UnknownColumn(token);
                return new KqlColumnExpression(token.Text, type);
            }
            if (token.Text == "dynamic") return ParseDynamicLiteral();
            if (token.Text == "datetime") return ParseDateLiteral(token);
            if (TypedNullables.Contains(token.Text) && Peek().IsWord("null") && Peek(2).Is(")"))
            {
                Next();
                Next();
                Next();
                return new KqlLiteralExpression(null, TypedNullType(token.Text));
            }
            Next();
            var args = new List<KqlExpression>();
            if (!Current.Is(")"))
            {
                do args.Add(ParseExpression());
                while (TryTake(","));
            }
            Expect(")");
            if (TypedNullables.Contains(token.Text) && args.Count == 1 && args[0] is KqlLiteralExpression literal)
                return new KqlLiteralExpression(Convert(literal.Value, TypedNullType(token.Text)), TypedNullType(token.Text));
            return KqlFunctionExpression.Bind(token.Text, args, token.Position);
        }

        private static KqlType TypedNullType(string name) => name switch
        {
            "real" or "double" => KqlType.Real,
            "long" or "int" => KqlType.Long,
            "bool" or "boolean" => KqlType.Bool,
            _ => KqlType.String,
        };

        private static object? Convert(object? value, KqlType type) => type switch
        {
            KqlType.Real => KqlValues.ToDouble(value),
            KqlType.Long => KqlValues.ToLong(value),
            KqlType.Bool => KqlValues.ToBool(value),
            _ => KqlValues.ToText(value),
        };

        /// <summary>dynamic(null), dynamic([1, "a"]), dynamic({"a": 1}): the text inside the parentheses is JSON.</summary>
        private KqlExpression ParseDynamicLiteral()
        {
            int position = Current.Position;
            string raw = RawArgument();
            if (raw.Trim() == "null") return new KqlLiteralExpression(null, KqlType.Dynamic);
            try
            {
                return new KqlLiteralExpression(KqlValues.FromJson(JsonNode.Parse(DoubleQuoted(raw))), KqlType.Dynamic);
            }
            catch (JsonException)
            {
                throw KqlException.Parser(position, $"Invalid dynamic literal '{raw}'.");
            }
        }

        /// <summary>KQL dynamic literals may use 'single quotes'; JSON needs double quotes.</summary>
        private static string DoubleQuoted(string raw)
        {
            var json = new System.Text.StringBuilder();
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '"')
                {
                    int end = i + 1;
                    while (end < raw.Length && raw[end] != '"') end += raw[end] == '\\' ? 2 : 1;
                    json.Append(raw, i, Math.Min(end + 1, raw.Length) - i);
                    i = end;
                }
                else if (raw[i] == '\'')
                {
                    int end = raw.IndexOf('\'', i + 1);
                    if (end < 0) end = raw.Length;
                    json.Append(JsonSerializer.Serialize(raw.Substring(i + 1, end - i - 1)));
                    i = end;
                }
                else json.Append(raw[i]);
            }
            return json.ToString();
        }

        private KqlExpression ParseDateLiteral(KqlToken token)
        {
            string raw = RawArgument().Trim();
            if (raw == "null") return new KqlLiteralExpression(null, KqlType.DateTime);
            return KqlValues.ToDate(raw) is DateTime date
                ? new KqlLiteralExpression(date, KqlType.DateTime)
                : throw KqlException.Parser(token.Position, $"Invalid datetime literal '{raw}'.");
        }

        /// <summary>Reads the raw text between the current '(' and its matching ')' and moves past it.</summary>
        private string RawArgument()
        {
            int open = Current.Position;
            int depth = 0;
            char quote = '\0';
            for (int i = open; i < _text.Length; i++)
            {
                char c = _text[i];
                if (quote != '\0')
                {
                    if (c == '\\') i++;
                    else if (c == quote) quote = '\0';
                    continue;
                }
                if (c == '"' || c == '\'') quote = c;
                else if (c == '(' || c == '[' || c == '{') depth++;
                else if ((c == ')' || c == ']' || c == '}') && --depth == 0)
                {
                    while (Current.Kind != KqlTokenKind.End && Current.Position <= i) Next();
                    return _text.Substring(open + 1, i - open - 1);
                }
            }
            throw KqlException.Parser(open, "Unbalanced parentheses.");
        }
    }
}
