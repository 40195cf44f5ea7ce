using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>One tabular operator of the pipeline (the part after a '|').</summary>
    internal abstract class KqlOperator
    {
        public abstract IEnumerable<KqlRow> Apply(IEnumerable<KqlRow> input);

        /// <summary>take / limit / top / sample: ARG never issues a skip token for such queries.</summary>
        public virtual bool Limits => false;

        /// <summary>order by / sort by / top: the output has an explicit order.</summary>
        public virtual bool Orders => false;
    }

    /// <summary>Row by row, order kept, at most one row out per row in: can resume from any input position.</summary>
    internal abstract class KqlStreamingOperator : KqlOperator
    {
        public abstract KqlRow? Map(KqlRow row);

        public override IEnumerable<KqlRow> Apply(IEnumerable<KqlRow> input)
        {
            foreach (KqlRow row in input)
            {
                if (Map(row) is { } mapped) yield return mapped;
            }
        }
    }
}
