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
        bool ModuleOnly = false)
    {
        /// <summary>
        /// The per-try timeout both approaches get unless --network-timeout says otherwise: Azure.Core's 100 s scaled like
        /// every latency, so a hang costs what it would at scale 1 relative to the reads around it; never under 5 s, which
        /// a page on this machine must be able to finish in. The module receives it as Connect-CtAccount -NetworkTimeout.
        /// </summary>
        public static TimeSpan DefaultNetworkTimeout(double timeScale) => TimeSpan.FromSeconds(Math.Max(5, 100 * timeScale));

        /// <summary>One sentence for the console and the results: the per-try timeout used, and where it came from.</summary>
        public string NetworkTimeoutNote =>
            $"per-try (network) timeout {NetworkTimeout.TotalSeconds:0.###} s for both approaches (module: Connect-CtAccount -NetworkTimeout {ModuleNetworkTimeoutSeconds}; " +
            (NetworkTimeout == DefaultNetworkTimeout(TimeScale) ? "the default 100 s × time scale, at least 5 s)" : "set by --network-timeout)");

        /// <summary>What the module is given: -NetworkTimeout takes whole seconds.</summary>
        public int ModuleNetworkTimeoutSeconds => ModuleRun.NetworkTimeoutSeconds(NetworkTimeout);
    }
}
