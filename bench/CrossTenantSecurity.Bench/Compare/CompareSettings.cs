using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>The knobs of "bench compare".</summary>
    internal sealed record CompareSettings(
        IReadOnlyList<BenchScenario> Scenarios,
        double TimeScale,
        int Seed,
        TimeSpan NetworkTimeout,
        double MaxSerialMinutes,
        string OutputDirectory,
        string CommandLine);
}
