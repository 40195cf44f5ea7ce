using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>A sort key; KQL sorts descending unless told asc, with nulls first when ascending and last when descending.</summary>
    internal sealed record KqlSortKey(KqlExpression Expression, bool Descending, bool NullsFirst)
    {
        public bool IsIdAscending => !Descending && Expression is KqlColumnExpression { Name: "id" };
    }

    internal sealed class KqlSortOperator : KqlOperator
    {
        public KqlSortOperator(IReadOnlyList<KqlSortKey> keys) => Keys = keys;

        public IReadOnlyList<KqlSortKey> Keys { get; }

        public override bool Orders => true;

        /// <summary>Materialises: the only way to sort. Stable, so ties keep their input order.</summary>
        public override IEnumerable<KqlRow> Apply(IEnumerable<KqlRow> input) => Sort(input, Keys);

        public static IEnumerable<KqlRow> Sort(IEnumerable<KqlRow> input, IReadOnlyList<KqlSortKey> keys)
        {
            var rows = input.Select(r => (Row: r, Values: keys.Select(k => k.Expression.Evaluate(r)).ToArray())).ToList();
            return rows.OrderBy(r => r.Values, Comparer<object?[]>.Create((x, y) =>
            {
                for (int i = 0; i < keys.Count; i++)
                {
                    if (x[i] is null != y[i] is null) return x[i] is null == keys[i].NullsFirst ? -1 : 1;
                    int c = KqlValues.Compare(x[i], y[i]);
                    if (c != 0) return keys[i].Descending ? -c : c;
                }
                return 0;
            })).Select(r => r.Row);
        }
    }

    /// <summary>take n / limit n / sample n (sample is not random here: the first n rows).</summary>
    internal sealed class KqlTakeOperator : KqlOperator
    {
        private readonly long _count;

        public KqlTakeOperator(long count) => _count = count;

        public override bool Limits => true;

        public override IEnumerable<KqlRow> Apply(IEnumerable<KqlRow> input) => input.Take((int)System.Math.Min(_count, int.MaxValue));
    }

    internal sealed class KqlTopOperator : KqlOperator
    {
        private readonly long _count;
        private readonly IReadOnlyList<KqlSortKey> _keys;

        public KqlTopOperator(long count, IReadOnlyList<KqlSortKey> keys)
        {
            _count = count;
            _keys = keys;
        }

        public override bool Limits => true;
        public override bool Orders => true;

        public override IEnumerable<KqlRow> Apply(IEnumerable<KqlRow> input) => KqlSortOperator.Sort(input, _keys).Take((int)System.Math.Min(_count, int.MaxValue));
    }
}
