using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using CrossTenantSecurity.Emulator.Arm;
using CrossTenantSecurity.Emulator.ResourceGraph.Kql;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>
    /// Runs a query over a scope and cuts one page, with ARG's rules: a skip token only when more rows exist, the
    /// output keeps "id" and nothing limits the rows (take/limit/top/sample); otherwise resultTruncated.
    /// Natural-order queries stream and resume from a source position; the rest are materialised and sliced.
    /// </summary>
    internal sealed class ResourceGraphPager
    {
        private readonly IResourceGraphData _data;
        private readonly ArmCaller _caller;
        private readonly IReadOnlyList<Guid> _scope;
        private readonly bool _unstableOrder;

        public ResourceGraphPager(IResourceGraphData data, ArmCaller caller, IReadOnlyList<Guid> scope, bool unstableOrder)
        {
            _data = data;
            _caller = caller;
            _scope = scope;
            _unstableOrder = unstableOrder;
        }

        /// <summary>How far the unstable order moves a page boundary: up to 5% of the page, at least one row.</summary>
        public static int MaxJitter(int top) => Math.Max(1, top / 20);

        /// <summary>resume is the decoded token of a follow-up request (already checked against the binding).</summary>
        public ResourceGraphPage Run(KqlQuery query, int top, int skip, ResourceGraphSkipToken? resume, string binding)
        {
            IReadOnlyList<KqlStreamingOperator>? plan = query.StreamingPlan();
            if (plan is not null && (resume is null || resume.Offset is null)) return Stream(query, plan, top, skip, resume, binding);
            return Materialise(query, top, skip, resume, binding);
        }

        private ResourceGraphPage Stream(KqlQuery query, IReadOnlyList<KqlStreamingOperator> plan, int top, int skip, ResourceGraphSkipToken? resume, string binding)
        {
            // totalRecords needs one full pass; it is made on the first page only and carried in the token.
            long total = resume?.Total ?? Rows(query.Table, plan, 0, null).LongCount();
            int page = resume?.Page ?? 1;
            var window = Rows(query.Table, plan, resume?.Subscription ?? 0, resume?.AfterId)
                .Skip(resume is null ? skip : resume.Gap)
                .Take(top + 1)
                .ToList();
            bool more = window.Count > top;
            if (more) window.RemoveAt(top);

            // The knob only applies without "order by": "order by id asc" streams but is stable, as in ARG.
            bool unstable = _unstableOrder && !query.Orders;
            string? token = null;
            if (more && query.ProjectsId)
            {
                var (anchor, gap) = NextBoundary(window, page + 1, binding, unstable);
                token = new ResourceGraphSkipToken { Binding = binding, Page = page + 1, Total = total, Subscription = anchor.Subscription, AfterId = anchor.SourceId, Gap = gap }.Encode();
            }
            List<KqlRow> rows = window.Select(w => w.Row).ToList();
            if (unstable) Shuffle(rows, Seed(binding, page));
            return new ResourceGraphPage(rows, total, more && token is null, token);
        }

        /// <summary>
        /// Where the next page resumes. Stable: after the last row. Unstable (ARG without "order by"): a few rows
        /// earlier (duplicates) or a few rows later (gaps), seeded by the query so runs repeat.
        /// </summary>
        private ((KqlRow Row, int Subscription, string SourceId) Anchor, int Gap) NextBoundary(List<(KqlRow Row, int Subscription, string SourceId)> window, int nextPage, string binding, bool unstable)
        {
            if (!unstable) return (window[^1], 0);
            var random = new Random(Seed(binding, nextPage) ^ 0x5bd1e995);
            int shift = random.Next(1, MaxJitter(window.Count) + 1);
            bool duplicate = random.Next(2) == 0 && window.Count > 1;
            return duplicate ? (window[Math.Max(0, window.Count - 1 - shift)], 0) : (window[^1], shift);
        }

        private ResourceGraphPage Materialise(KqlQuery query, int top, int skip, ResourceGraphSkipToken? resume, string binding)
        {
            List<KqlRow> all = query.Run(Source(query.Table, 0, null).Select(s => s.Row)).ToList();
            int offset = resume?.Offset ?? skip;
            List<KqlRow> rows = all.Skip(offset).Take(top).ToList();
            bool more = offset + rows.Count < all.Count;
            string? token = more && query.ProjectsId && !query.Limits
                ? new ResourceGraphSkipToken { Binding = binding, Page = (resume?.Page ?? 1) + 1, Total = all.Count, Offset = offset + rows.Count }.Encode()
                : null;
            return new ResourceGraphPage(rows, all.Count, more && token is null, token);
        }

        /// <summary>Output rows of a streaming plan, each with the source position it came from.</summary>
        private IEnumerable<(KqlRow Row, int Subscription, string SourceId)> Rows(string table, IReadOnlyList<KqlStreamingOperator> plan, int startSubscription, string? afterId)
        {
            foreach (var (source, subscription, id) in Source(table, startSubscription, afterId))
            {
                KqlRow? row = source;
                for (int i = 0; i < plan.Count && row is not null; i++) row = plan[i].Map(row);
                if (row is not null) yield return (row, subscription, id);
            }
        }

        /// <summary>Source rows one subscription at a time, in scope order; the first may resume after a row id.</summary>
        private IEnumerable<(KqlRow Row, int Subscription, string SourceId)> Source(string table, int startSubscription, string? afterId)
        {
            for (int s = startSubscription; s < _scope.Count; s++)
            {
                IEnumerable<JsonObject> rows = s == startSubscription && afterId is not null
                    ? _data.RowsAfter(table, _caller, _scope[s], afterId)
                    : _data.Rows(table, _caller, new[] { _scope[s] });
                foreach (JsonObject row in rows)
                    yield return (KqlRow.FromJson(row), s, (row["id"] as JsonValue)?.ToString() ?? string.Empty);
            }
        }

        private static int Seed(string binding, int page) => unchecked((Stable(binding) * 397) ^ page);

        /// <summary>string.GetHashCode is randomised per process; seeds must repeat across runs.</summary>
        private static int Stable(string text)
        {
            unchecked
            {
                int hash = (int)2166136261;
                foreach (char c in text) hash = (hash ^ c) * 16777619;
                return hash;
            }
        }

        private static void Shuffle(List<KqlRow> rows, int seed)
        {
            var random = new Random(seed);
            for (int i = rows.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }
        }
    }
}
