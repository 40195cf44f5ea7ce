using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    internal sealed class KqlWhereOperator : KqlStreamingOperator
    {
        private readonly KqlExpression _predicate;

        public KqlWhereOperator(KqlExpression predicate) => _predicate = predicate;

        public override KqlRow? Map(KqlRow row) => _predicate.Evaluate(row) is true ? row : null;
    }

    /// <summary>A named output column: "name = expression" or an expression with a suggested name.</summary>
    internal sealed record KqlAssignment(string Name, KqlExpression Expression);

    /// <summary>extend adds or replaces columns; later assignments see earlier ones.</summary>
    internal sealed class KqlExtendOperator : KqlStreamingOperator
    {
        private readonly IReadOnlyList<KqlAssignment> _assignments;

        public KqlExtendOperator(IReadOnlyList<KqlAssignment> assignments) => _assignments = assignments;

        public override KqlRow? Map(KqlRow row)
        {
            KqlRow output = row.Clone();
            foreach (KqlAssignment a in _assignments) output[a.Name] = a.Expression.Evaluate(output);
            return output;
        }
    }

    /// <summary>project keeps only the listed columns, in the listed order; assignments may refer to earlier ones.</summary>
    internal sealed class KqlProjectOperator : KqlStreamingOperator
    {
        private readonly IReadOnlyList<KqlAssignment> _assignments;

        public KqlProjectOperator(IReadOnlyList<KqlAssignment> assignments) => _assignments = assignments;

        public override KqlRow? Map(KqlRow row)
        {
            KqlRow scratch = row.Clone();
            var output = new KqlRow();
            foreach (KqlAssignment a in _assignments)
            {
                object? value = a.Expression.Evaluate(scratch);
                scratch[a.Name] = value;
                output[a.Name] = value;
            }
            return output;
        }
    }

    internal sealed class KqlProjectAwayOperator : KqlStreamingOperator
    {
        private readonly IReadOnlyList<string> _columns;

        public KqlProjectAwayOperator(IReadOnlyList<string> columns) => _columns = columns;

        public override KqlRow? Map(KqlRow row)
        {
            KqlRow output = row.Clone();
            foreach (string column in _columns) output.Remove(column);
            return output;
        }
    }

    internal sealed class KqlProjectRenameOperator : KqlStreamingOperator
    {
        private readonly IReadOnlyList<(string NewName, string OldName)> _renames;

        public KqlProjectRenameOperator(IReadOnlyList<(string NewName, string OldName)> renames) => _renames = renames;

        public override KqlRow? Map(KqlRow row)
        {
            var output = new KqlRow();
            foreach (var (name, value) in row.Columns)
            {
                string renamed = name;
                foreach (var (newName, oldName) in _renames)
                {
                    if (oldName == name) renamed = newName;
                }
                output[renamed] = value;
            }
            return output;
        }
    }
}
