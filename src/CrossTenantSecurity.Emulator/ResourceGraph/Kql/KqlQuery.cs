using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>A parsed, bound query: source table, operator pipeline and the output columns.</summary>
    internal sealed class KqlQuery
    {
        public KqlQuery(string text, string table, IReadOnlyList<KqlOperator> operators, KqlSchema output)
        {
            Text = text;
            Table = table;
            Operators = operators;
            Output = output;
        }

        public string Text { get; }
        public string Table { get; }
        public IReadOnlyList<KqlOperator> Operators { get; }
        public KqlSchema Output { get; }

        public bool Limits => Operators.Any(o => o.Limits);
        public bool Orders => Operators.Any(o => o.Orders);
        public bool ProjectsId => Output.Contains("id");

        /// <summary>
        /// The operators when the whole pipeline streams in the source's natural order (ascending id per
        /// subscription), so a page can resume from a source position; null when something must materialise.
        /// "order by id asc" is the natural order and is dropped.
        /// </summary>
        public IReadOnlyList<KqlStreamingOperator>? StreamingPlan()
        {
            var plan = new List<KqlStreamingOperator>();
            foreach (KqlOperator op in Operators)
            {
                if (op is KqlStreamingOperator streaming) plan.Add(streaming);
                else if (op is KqlSortOperator sort && sort.Keys.Count == 1 && sort.Keys[0].IsIdAscending && plan.All(p => p is KqlWhereOperator)) continue;
                else return null;
            }
            return plan;
        }

        /// <summary>Runs the pipeline over rows: lazy except where an operator must see everything.</summary>
        public IEnumerable<KqlRow> Run(IEnumerable<KqlRow> source) => Operators.Aggregate(source, (rows, op) => op.Apply(rows));
    }
}
