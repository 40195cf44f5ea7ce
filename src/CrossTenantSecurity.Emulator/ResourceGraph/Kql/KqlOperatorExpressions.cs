using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>and / or: null counts as false.</summary>
    internal sealed class KqlLogicalExpression : KqlExpression
    {
        private readonly bool _isAnd;
        private readonly KqlExpression _left;
        private readonly KqlExpression _right;

        public KqlLogicalExpression(bool isAnd, KqlExpression left, KqlExpression right)
        {
            _isAnd = isAnd;
            _left = left;
            _right = right;
        }

        public override KqlType Type => KqlType.Bool;

        public override object? Evaluate(KqlRow row)
        {
            bool left = _left.Evaluate(row) is true;
            if (_isAnd && !left) return false;
            if (!_isAnd && left) return true;
            return _right.Evaluate(row) is true;
        }
    }

    internal sealed class KqlNegateExpression : KqlExpression
    {
        private readonly KqlExpression _operand;

        public KqlNegateExpression(KqlExpression operand) => _operand = operand;

        public override KqlType Type => _operand.Type == KqlType.Long ? KqlType.Long : KqlType.Real;

        public override object? Evaluate(KqlRow row) => _operand.Evaluate(row) switch
        {
            long l => -l,
            double d => -d,
            _ => null,
        };
    }

    /// <summary>x in (a, b), x !in (...), x in~ (...): the list holds scalar expressions, usually literals.</summary>
    internal sealed class KqlInExpression : KqlExpression
    {
        private readonly KqlExpression _target;
        private readonly IReadOnlyList<KqlExpression> _values;
        private readonly bool _negate;
        private readonly bool _ignoreCase;

        public KqlInExpression(KqlExpression target, IReadOnlyList<KqlExpression> values, bool negate, bool ignoreCase)
        {
            _target = target;
            _values = values;
            _negate = negate;
            _ignoreCase = ignoreCase;
        }

        public override KqlType Type => KqlType.Bool;

        public override object? Evaluate(KqlRow row)
        {
            object? value = _target.Evaluate(row);
            bool found = value is not null && _values.Any(v => KqlValues.AreEqual(value, v.Evaluate(row), _ignoreCase));
            return found != _negate;
        }
    }

    /// <summary>Comparisons, string predicates and arithmetic between two operands.</summary>
    internal sealed class KqlBinaryExpression : KqlExpression
    {
        public static readonly string[] StringOperators =
        {
            "contains", "contains_cs", "has", "has_cs", "startswith", "startswith_cs", "endswith", "endswith_cs",
        };

        private readonly string _op;
        private readonly KqlExpression _left;
        private readonly KqlExpression _right;

        public KqlBinaryExpression(string op, KqlExpression left, KqlExpression right)
        {
            _op = op;
            _left = left;
            _right = right;
        }

        public override KqlType Type => _op switch
        {
            "+" or "-" or "*" or "/" or "%" => _left.Type == KqlType.Long && _right.Type == KqlType.Long ? KqlType.Long : KqlType.Real,
            _ => KqlType.Bool,
        };

        public override object? Evaluate(KqlRow row)
        {
            object? left = _left.Evaluate(row);
            object? right = _right.Evaluate(row);
            bool negate = _op.StartsWith('!') && _op != "!=" && _op != "!~";
            string op = negate ? _op.Substring(1) : _op;
            switch (op)
            {
                case "==": return KqlValues.AreEqual(left, right);
                case "!=": return !KqlValues.AreEqual(left, right);
                case "=~": return KqlValues.AreEqual(left, right, ignoreCase: true);
                case "!~": return !KqlValues.AreEqual(left, right, ignoreCase: true);
                case "<": return left is not null && right is not null && KqlValues.Compare(left, right) < 0;
                case "<=": return left is not null && right is not null && KqlValues.Compare(left, right) <= 0;
                case ">": return left is not null && right is not null && KqlValues.Compare(left, right) > 0;
                case ">=": return left is not null && right is not null && KqlValues.Compare(left, right) >= 0;
                case "+" or "-" or "*" or "/" or "%": return Arithmetic(op, left, right);
                default: return StringPredicate(op, KqlValues.ToText(left), KqlValues.ToText(right)) != negate;
            }
        }

        private static object? Arithmetic(string op, object? left, object? right)
        {
            if (left is long a && right is long b)
            {
                return op switch
                {
                    "+" => a + b,
                    "-" => a - b,
                    "*" => a * b,
                    "/" => b == 0 ? null : a / b,
                    _ => b == 0 ? null : a % b,
                };
            }
            if (!KqlValues.IsNumber(left) || !KqlValues.IsNumber(right)) return null;
            double x = KqlValues.ToDouble(left)!.Value, y = KqlValues.ToDouble(right)!.Value;
            return op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" => x / y,
                _ => x % y,
            };
        }

        private static bool StringPredicate(string op, string text, string term)
        {
            bool cs = op.EndsWith("_cs", StringComparison.Ordinal);
            StringComparison comparison = cs ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            return (cs ? op.Substring(0, op.Length - 3) : op) switch
            {
                "contains" => text.Contains(term, comparison),
                "startswith" => text.StartsWith(term, comparison),
                "endswith" => text.EndsWith(term, comparison),
                _ => HasTerm(text, term, comparison),
            };
        }

        /// <summary>has: the term appears bounded by non-alphanumeric characters (KQL's term index, simplified).</summary>
        private static bool HasTerm(string text, string term, StringComparison comparison)
        {
            if (term.Length == 0) return true;
            for (int at = text.IndexOf(term, comparison); at >= 0; at = text.IndexOf(term, at + 1, comparison))
            {
                bool startOk = at == 0 || !char.IsLetterOrDigit(text[at - 1]) || !char.IsLetterOrDigit(term[0]);
                int end = at + term.Length;
                bool endOk = end == text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(term[^1]);
                if (startOk && endOk) return true;
            }
            return false;
        }
    }
}
