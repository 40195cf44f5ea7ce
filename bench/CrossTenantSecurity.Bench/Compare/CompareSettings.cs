using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>The knobs of "bench compare". ModuleOnly skips the loop and writes no results: for profiling the module.</summary>
    internal sealed record CompareSettings(
        IReadOnlyList<BenchScenario> Scenarios,
        double TimeScale,
        int Seed,
        TimeSpan NetworkTimeout,
        double MaxSerialMinutes,
        string OutputDirectory,
        string CommandLine,
        bool ModuleOnly = false);
}
