using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>One aggregate of a summarize: output column, function and argument.</summary>
    internal sealed record KqlAggregateSpec(string Name, string Function, KqlExpression? Argument)
    {
        public static readonly string[] Functions = { "count", "countif", "dcount", "sum", "avg", "min", "max", "make_set", "make_list" };

        public KqlType Type => Function switch
        {
            "count" or "countif" or "dcount" => KqlType.Long,
            "avg" => KqlType.Real,
            "sum" => Argument?.Type == KqlType.Long ? KqlType.Long : KqlType.Real,
            "make_set" or "make_list" => KqlType.Dynamic,
            _ => Argument?.Type ?? KqlType.Dynamic,
        };
    }

    /// <summary>Running state of one aggregate for one group.</summary>
    internal sealed class KqlAccumulator
    {
        private long _count;
        private long _longSum;
        private double _realSum;
        private bool _sawReal;
        private object? _best;
        private HashSet<string>? _seen;
        private JsonArray? _items;

        public KqlAccumulator(KqlAggregateSpec spec) => Spec = spec;

        public KqlAggregateSpec Spec { get; }

        public void Add(KqlRow row)
        {
            object? value = Spec.Argument?.Evaluate(row);
            switch (Spec.Function)
            {
                case "count": _count++; break;
                case "countif": if (value is true) _count++; break;
                case "dcount": if (value is not null && (_seen ??= new HashSet<string>()).Add(KqlValues.KeyText(value))) _count++; break;
                case "sum" or "avg":
                    if (value is long l) _longSum += l;
                    else if (KqlValues.ToDouble(value) is double d && value is not bool) { _realSum += d; _sawReal = true; }
                    else break;
                    _count++;
                    break;
                case "min": if (value is not null && (_best is null || KqlValues.Compare(value, _best) < 0)) _best = value; break;
                case "max": if (value is not null && (_best is null || KqlValues.Compare(value, _best) > 0)) _best = value; break;
                default:
                    if (value is null) break;
                    if (Spec.Function == "make_set" && !(_seen ??= new HashSet<string>()).Add(KqlValues.KeyText(value))) break;
                    (_items ??= new JsonArray()).Add(KqlValues.ToJsonNode(value));
                    break;
            }
        }

        public object? Result() => Spec.Function switch
        {
            "count" or "countif" or "dcount" => _count,
            "sum" => _sawReal || Spec.Type == KqlType.Real ? _realSum + _longSum : _longSum,
            "avg" => _count == 0 ? null : (_realSum + _longSum) / _count,
            "min" or "max" => _best,
            _ => _items ?? new JsonArray(),
        };
    }
}
