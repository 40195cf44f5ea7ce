using System.Collections.Generic;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>One approach in one scenario, as written to latest.json. Times are seconds at the run's time scale.</summary>
    internal sealed record ApproachResult(
        string Approach,
        int Concurrency,
        double WallSeconds,
        double SignInSeconds,
        double? FirstObjectSeconds,
        long Requests,
        long PeakInFlight,
        long Throttled429,
        long ArmThrottled429,
        int Retries,
        int Repeats,
        int EarlyRequests,
        long Faults,
        int SubscriptionsAccounted,
        int Subscriptions,
        int EmptyByTruth,
        IReadOnlyList<string> Unaccounted,
        long Objects,
        long Errors,
        long PeakWorkingSetMb,
        double LowerBoundSeconds,
        IReadOnlyDictionary<string, int> RequestsByKind)
    {
        /// <summary>Processor time of the whole benchmark process (emulator, engine and PowerShell) during the run.</summary>
        public double CpuSeconds { get; init; }

        /// <summary>Second requests sent while the first identical one was still in flight (the module's read hedging).</summary>
        public int Hedges { get; init; }

        public double WallOverBound => LowerBoundSeconds > 0 ? WallSeconds / LowerBoundSeconds : 0;
    }

    /// <summary>Both approaches under the same emulator settings.</summary>
    internal sealed record ComparisonResult(
        string Scenario,
        string Description,
        double TimeScale,
        int Seed,
        int Subscriptions,
        ApproachResult Loop,
        ApproachResult Module)
    {
        public double SpeedUp => Module.WallSeconds > 0 ? Loop.WallSeconds / Module.WallSeconds : 0;
        public double ModuleOverBound => Module.WallOverBound;
    }
}
