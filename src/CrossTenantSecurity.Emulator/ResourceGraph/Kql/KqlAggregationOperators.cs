using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>summarize aggregates by keys; without keys it always yields one row (count() of nothing is 0).</summary>
    internal sealed class KqlSummarizeOperator : KqlOperator
    {
        private readonly IReadOnlyList<KqlAggregateSpec> _aggregates;
        private readonly IReadOnlyList<KqlAssignment> _keys;

        public KqlSummarizeOperator(IReadOnlyList<KqlAggregateSpec> aggregates, IReadOnlyList<KqlAssignment> keys)
        {
            _aggregates = aggregates;
            _keys = keys;
        }

        public override IEnumerable<KqlRow> Apply(IEnumerable<KqlRow> input)
        {
            var groups = new Dictionary<string, (KqlRow Keys, KqlAccumulator[] States)>();
            foreach (KqlRow row in input)
            {
                var keyRow = new KqlRow();
                foreach (KqlAssignment key in _keys) keyRow[key.Name] = key.Expression.Evaluate(row);
                string groupKey = string.Join("\u0001", keyRow.Columns.Select(c => KqlValues.KeyText(c.Value)));
                if (!groups.TryGetValue(groupKey, out var group))
                {
                    group = (keyRow, _aggregates.Select(a => new KqlAccumulator(a)).ToArray());
                    groups[groupKey] = group;
                }
                foreach (KqlAccumulator state in group.States) state.Add(row);
            }
            if (groups.Count == 0 && _keys.Count == 0) groups[string.Empty] = (new KqlRow(), _aggregates.Select(a => new KqlAccumulator(a)).ToArray());
            foreach (var (keys, states) in groups.Values)
            {
                KqlRow output = keys.Clone();
                foreach (KqlAccumulator state in states) output[state.Spec.Name] = state.Result();
                yield return output;
            }
        }
    }

    /// <summary>distinct a, b: unique combinations, first-seen order.</summary>
    internal sealed class KqlDistinctOperator : KqlOperator
    {
        private readonly IReadOnlyList<string>? _columns;

        public KqlDistinctOperator(IReadOnlyList<string>? columns) => _columns = columns;

        public override IEnumerable<KqlRow> Apply(IEnumerable<KqlRow> input)
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (KqlRow row in input)
            {
                var output = new KqlRow();
                if (_columns is null) output = row;
                else foreach (string column in _columns) output[column] = row[column];
                if (seen.Add(string.Join("\u0001", output.Columns.Select(c => KqlValues.KeyText(c.Value))))) yield return output;
            }
        }
    }

    /// <summary>The count operator: one row with a Count column.</summary>
    internal sealed class KqlCountOperator : KqlOperator
    {
        public override IEnumerable<KqlRow> Apply(IEnumerable<KqlRow> input)
        {
            var row = new KqlRow();
            row["Count"] = input.LongCount();
            yield return row;
        }
    }
}
