using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.Gate
{
    /// <summary>What the gate found: one result per check and scope, and notes (expired exemptions, a missing baseline).</summary>
    public sealed class GateEvaluation
    {
        public GateEvaluation(IReadOnlyList<PostureCheckResult> results, IReadOnlyList<string> warnings)
        {
            Results = results;
            Warnings = warnings;
        }

        public IReadOnlyList<PostureCheckResult> Results { get; }
        public IReadOnlyList<string> Warnings { get; }
        public int Failed => Results.Count(r => r.Outcome == PostureCheckOutcome.Failed);
        public int Errors => Results.Count(r => r.Outcome == PostureCheckOutcome.Error);

        /// <summary>The gate fails on a failed check, and on a check that could not be measured when <paramref name="failOnError"/>.</summary>
        public bool Passes(bool failOnError) => Failed == 0 && (!failOnError || Errors == 0);
    }
}
