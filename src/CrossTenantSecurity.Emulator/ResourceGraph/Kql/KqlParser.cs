using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>Parses and binds "table | op | op ..." against the table's schema; errors are KqlExceptions.</summary>
    internal sealed partial class KqlParser
    {
        private readonly string _text;
        private readonly List<KqlToken> _tokens;
        private int _index;
        private KqlSchema _schema = new();

        private KqlParser(string text)
        {
            _text = text;
            _tokens = KqlLexer.Tokenize(text);
        }

        public static KqlQuery Parse(string text)
        {
            var parser = new KqlParser(text);
            return parser.ParseQuery(ResourceGraphTable);
        }

        /// <summary>A query over other tables (the Log Analytics workspaces): <paramref name="resolve"/> names a table's schema, or null.</summary>
        public static KqlQuery Parse(string text, System.Func<string, KqlSchema?> resolve, string knownTables)
        {
            var parser = new KqlParser(text);
            return parser.ParseQuery(name => resolve(name) is { } schema ? (name, schema)
                : throw new KqlException("UnknownTable", $"Failed to resolve table or column expression named '{name}'. The emulator serves: {knownTables}."));
        }

        private static (string Table, KqlSchema Schema) ResourceGraphTable(string name)
        {
            string table = KqlTables.Canonical(name)
                ?? throw new KqlException("UnknownTable", $"Table '{name}' could not be found. The emulator serves: {string.Join(", ", KqlTables.Names)}.");
            return (table, KqlTables.Schema());
        }

        private KqlToken Current => _tokens[_index];
        private KqlToken Peek(int ahead = 1) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];
        /// <summary>Consumes the current token; the End token is never passed.</summary>
        private KqlToken Next()
        {
            KqlToken token = Current;
            if (_index < _tokens.Count - 1) _index++;
            return token;
        }

        private KqlQuery ParseQuery(System.Func<string, (string Table, KqlSchema Schema)> resolve)
        {
            KqlToken source = Current;
            if (source.Kind != KqlTokenKind.Identifier) throw KqlException.Parser(source.Position, "A table name was expected.");
            Next();
            (string table, _schema) = resolve(source.Text);
            var operators = new List<KqlOperator>();
            while (Current.Is("|"))
            {
                Next();
                operators.Add(ParseOperator());
            }
            if (Current.Kind != KqlTokenKind.End) throw KqlException.Parser(Current.Position, $"Unexpected '{Current.Text}'; expected '|' or the end of the query.");
            return new KqlQuery(_text, table, operators, _schema);
        }

        private KqlOperator ParseOperator()
        {
            KqlToken token = Expect(KqlTokenKind.Identifier, "an operator");
            string name = token.Text;
            if (Current.Is("-") && !Current.SpaceBefore && Peek().Kind == KqlTokenKind.Identifier && !Peek().SpaceBefore)
            {
                Next();
                name += "-" + Next().Text;
            }
            switch (name)
            {
                case "where" or "filter": return new KqlWhereOperator(ParseExpression());
                case "project": return ParseProject();
                case "extend": return new KqlExtendOperator(ParseAssignments(_schema, declare: true));
                case "project-away": return ParseProjectAway();
                case "project-rename": return ParseProjectRename();
                case "order" or "sort":
                    ExpectWord("by");
                    return new KqlSortOperator(ParseSortKeys());
                case "take" or "limit" or "sample": return new KqlTakeOperator(ParseCount());
                case "top":
                    long count = ParseCount();
                    ExpectWord("by");
                    return new KqlTopOperator(count, ParseSortKeys());
                case "summarize": return ParseSummarize();
                case "distinct": return ParseDistinct();
                case "count":
                    _schema = new KqlSchema();
                    _schema.Set("Count", KqlType.Long);
                    return new KqlCountOperator();
                default:
                    throw new KqlException("UnsupportedOperator", $"SemanticError: line 1, pos {token.Position}: the emulator does not support the operator '{name}'.");
            }
        }

        private KqlOperator ParseProject()
        {
            var output = new KqlSchema();
            var scratch = _schema.Clone();
            List<KqlAssignment> assignments = ParseAssignments(scratch, declare: true);
            foreach (KqlAssignment a in assignments) output.Set(a.Name, a.Expression.Type);
            _schema = output;
            return new KqlProjectOperator(assignments);
        }

        private KqlOperator ParseProjectAway()
        {
            var columns = new List<string>();
            do
            {
                KqlToken column = Expect(KqlTokenKind.Identifier, "a column name");
                if (!_schema.Contains(column.Text)) throw UnknownColumn(column);
                columns.Add(column.Text);
                _schema.Remove(column.Text);
            }
            while (TryTake(","));
            return new KqlProjectAwayOperator(columns);
        }

        private KqlOperator ParseProjectRename()
        {
            var renames = new List<(string, string)>();
            var output = new KqlSchema();
            do
            {
                string newName = Expect(KqlTokenKind.Identifier, "a column name").Text;
                Expect("=");
                KqlToken old = Expect(KqlTokenKind.Identifier, "a column name");
                if (!_schema.Contains(old.Text)) throw UnknownColumn(old);
                renames.Add((newName, old.Text));
            }
            while (TryTake(","));
            foreach (var (name, type) in _schema.Columns) output.Set(renames.FirstOrDefault(r => r.Item2 == name).Item1 ?? name, type);
            _schema = output;
            return new KqlProjectRenameOperator(renames);
        }

        private KqlOperator ParseSummarize()
        {
            var aggregates = new List<KqlAggregateSpec>();
            if (!Current.IsWord("by"))
            {
                do aggregates.Add(ParseAggregate());
                while (TryTake(","));
            }
            var keys = new List<KqlAssignment>();
            if (Current.IsWord("by"))
            {
                Next();
                keys = ParseAssignments(_schema.Clone(), declare: false);
            }
            var output = new KqlSchema();
            foreach (KqlAssignment key in keys) output.Set(key.Name, key.Expression.Type);
            foreach (KqlAggregateSpec a in aggregates) output.Set(a.Name, a.Type);
            _schema = output;
            return new KqlSummarizeOperator(aggregates, keys);
        }

        private KqlAggregateSpec ParseAggregate()
        {
            string? name = null;
            if (Current.Kind == KqlTokenKind.Identifier && Peek().Is("="))
            {
                name = Next().Text;
                Next();
            }
            KqlToken function = Expect(KqlTokenKind.Identifier, "an aggregation function");
            if (!KqlAggregateSpec.Functions.Contains(function.Text))
                throw new KqlException("UnknownFunction", $"SemanticError: line 1, pos {function.Position}: '{function.Text}' is not a supported aggregation function.");
            Expect("(");
            KqlExpression? argument = Current.Is(")") ? null : ParseExpression();
            Expect(")");
            if (argument is null && function.Text != "count")
                throw new KqlException("SemanticError", $"SemanticError: line 1, pos {function.Position}: '{function.Text}' expects one argument.");
            name ??= function.Text is "count" or "countif" ? function.Text + "_" : function.Text + "_" + (argument?.SuggestedName ?? string.Empty);
            return new KqlAggregateSpec(name, function.Text, argument);
        }

        private KqlOperator ParseDistinct()
        {
            if (TryTake("*")) return new KqlDistinctOperator(null);
            var columns = new List<string>();
            var output = new KqlSchema();
            do
            {
                KqlToken column = Expect(KqlTokenKind.Identifier, "a column name");
                if (!_schema.TryGetType(column.Text, out KqlType type)) throw UnknownColumn(column);
                columns.Add(column.Text);
                output.Set(column.Text, type);
            }
            while (TryTake(","));
            _schema = output;
            return new KqlDistinctOperator(columns);
        }

        /// <summary>name = expr or expr; each assignment is visible to the next one (through the given schema).</summary>
        private List<KqlAssignment> ParseAssignments(KqlSchema schema, bool declare)
        {
            KqlSchema outer = _schema;
            _schema = schema;
            var assignments = new List<KqlAssignment>();
            do
            {
                string? name = null;
                if (Current.Kind == KqlTokenKind.Identifier && Peek().Is("="))
                {
                    name = Next().Text;
                    Next();
                }
                KqlExpression expression = ParseExpression();
                name ??= expression.SuggestedName ?? "Column" + (assignments.Count + 1).ToString(CultureInfo.InvariantCulture);
                assignments.Add(new KqlAssignment(name, expression));
                if (declare) _schema.Set(name, expression.Type);
            }
            while (TryTake(","));
            _schema = outer;
            return assignments;
        }

        private List<KqlSortKey> ParseSortKeys()
        {
            var keys = new List<KqlSortKey>();
            do
            {
                KqlExpression expression = ParseExpression();
                bool descending = true;
                if (Current.IsWord("asc") || Current.IsWord("desc")) descending = Next().Text == "desc";
                bool nullsFirst = !descending;
                if (Current.IsWord("nulls"))
                {
                    Next();
                    if (!Current.IsWord("first") && !Current.IsWord("last")) throw KqlException.Parser(Current.Position, "Expected 'first' or 'last' after 'nulls'.");
                    nullsFirst = Next().Text == "first";
                }
                keys.Add(new KqlSortKey(expression, descending, nullsFirst));
            }
            while (TryTake(","));
            return keys;
        }

        private long ParseCount()
        {
            KqlToken token = Expect(KqlTokenKind.Long, "a row count");
            return long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long count)
                ? count
                : throw KqlException.Parser(token.Position, $"The row count '{token.Text}' is too large.");
        }

        private KqlToken Expect(KqlTokenKind kind, string what)
        {
            if (Current.Kind != kind) throw KqlException.Parser(Current.Position, $"Expected {what} but found '{Current.Text}'.");
            return Next();
        }

        private void Expect(string symbol)
        {
            if (!Current.Is(symbol)) throw KqlException.Parser(Current.Position, $"Expected '{symbol}' but found '{Current.Text}'.");
            Next();
        }

        private void ExpectWord(string word)
        {
            if (!Current.IsWord(word)) throw KqlException.Parser(Current.Position, $"Expected '{word}' but found '{Current.Text}'.");
            Next();
        }

        private bool TryTake(string symbol)
        {
            if (!Current.Is(symbol)) return false;
            Next();
            return true;
        }

        private static KqlException UnknownColumn(KqlToken token) =>
            new("FailedToResolveScalarExpression", $"SemanticError: line 1, pos {token.Position}: Failed to resolve scalar expression named '{token.Text}'.");
    }
}
