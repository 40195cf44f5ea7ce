using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// "bench compare": per scenario, the serial loop and the module against a fresh emulator each, same settings,
    /// then the table. Results are rewritten after every scenario so a long run leaves what it finished.
    /// </summary>
    internal static class CompareCommand
    {
        public static async Task<int> RunAsync(CompareSettings settings)
        {
            _ = PlatformTrust.ProcessAuthority; // before any TLS: the trust store is read once per process
            var results = new List<ComparisonResult>();
            var snapshots = new List<ComparisonResult>();
            LatencyMeans means = LatencyMeans.Scaled(settings.TimeScale);
            Console.WriteLine($"Time scale {settings.TimeScale}, seed {settings.Seed}, {settings.NetworkTimeoutNote}.");
            foreach (BenchScenario bench in settings.Scenarios)
            {
                Scenario estate = ScenarioLoader.Load($"{bench.Estate}:seed={settings.Seed}");
                if (bench.Snapshot)
                {
                    Console.WriteLine($"== {bench.Name}: {bench.Description}; {estate.Subscriptions.Count} subscriptions");
                    ApproachResult six = await MeasureAsync("six cmdlets", bench, estate, settings, means,
                        host => ModuleProcess.RunAsync(host.BaseUrl, settings.NetworkTimeout, message => Console.WriteLine(message)));
                    ApproachResult snapshot = await MeasureAsync("snapshot", bench, estate, settings, means,
                        host => ModuleProcess.RunAsync(host.BaseUrl, settings.NetworkTimeout, message => Console.WriteLine(message), ModuleProcess.SnapshotMode));
                    snapshots.Add(new ComparisonResult(bench.Name, bench.Description, settings.TimeScale, settings.Seed, estate.Subscriptions.Count, six, snapshot));
                    if (!settings.ModuleOnly) SnapshotResultsWriter.Write(settings.OutputDirectory, snapshots, settings);
                    Console.WriteLine($"   snapshot is {snapshots[^1].SpeedUp:F2}× the speed of the six cmdlets; snapshot / its lower bound {snapshots[^1].ModuleOverBound:F2}×");
                    continue;
                }
                double estimate = SerialEstimateSeconds(estate, means);
                Console.WriteLine($"== {bench.Name}: {bench.Description}; {estate.Subscriptions.Count} subscriptions; serial loop estimated at {estimate:F0} s");
                if (!settings.ModuleOnly && estimate > settings.MaxSerialMinutes * 60)
                {
                    Console.WriteLine($"   skipped: the serial loop would exceed {settings.MaxSerialMinutes} min at time scale {settings.TimeScale}; " +
                        $"use --time-scale {settings.TimeScale * settings.MaxSerialMinutes * 60 / estimate:0.###} or raise --max-serial-minutes.");
                    continue;
                }
                // The serial loop runs here, beside the emulator: its working set and processor time include the emulator's.
                ApproachResult? loop = settings.ModuleOnly ? null : await MeasureAsync("serial loop", bench, estate, settings, means,
                    host => WorkingSetSampler.MeasureAsync(() => SerialLoop.RunAsync(host.BaseUrl, settings.NetworkTimeout, CancellationToken.None)));
                ApproachResult module = await MeasureAsync("module", bench, estate, settings, means,
                    host => ModuleProcess.RunAsync(host.BaseUrl, settings.NetworkTimeout, message => Console.WriteLine(message)));
                if (loop is null) continue;
                results.Add(new ComparisonResult(bench.Name, bench.Description, settings.TimeScale, settings.Seed, estate.Subscriptions.Count, loop, module));
                ResultsWriter.Write(settings.OutputDirectory, results, settings);
                Console.WriteLine($"   speed-up {results[^1].SpeedUp:F1}×, module / lower bound {results[^1].ModuleOverBound:F2}×");
            }
            if (settings.ModuleOnly || results.Count == 0)
            {
                if (snapshots.Count > 0 && !settings.ModuleOnly) Console.WriteLine(SnapshotResultsWriter.Markdown(snapshots, settings));
                return 0;
            }
            Console.WriteLine();
            Console.WriteLine(ResultsWriter.Markdown(results, settings));
            Console.WriteLine($"Written to {settings.OutputDirectory}/latest.md and latest.json");
            return 0;
        }

        private static async Task<ApproachResult> MeasureAsync(string name, BenchScenario bench, Scenario estate, CompareSettings settings, LatencyMeans means,
            Func<EmulatorHost, Task<(ApproachRun Run, long PeakMb, TimeSpan Cpu)>> approach)
        {
            BehaviourOptions behaviour = bench.Behaviour(settings.TimeScale, settings.Seed);
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                Scenario = estate,
                CertificateAuthority = PlatformTrust.ProcessAuthority,
                Behaviour = behaviour,
            });
            Console.WriteLine($"-- {name} against {host.BaseUrl}");
            ApproachRun run;
            long peakMb;
            TimeSpan cpu;
            (run, peakMb, cpu) = await approach(host);
            if (Environment.GetEnvironmentVariable("CT_BENCH_DUMP_LOG") is { Length: > 0 } dump)
            {
                System.IO.File.WriteAllLines($"{dump}.{bench.Name}.{name.Replace(' ', '-')}.tsv", host.Requests.Entries.Select(e =>
                    FormattableString.Invariant($"{e.Time.ToUnixTimeMilliseconds()}\t{e.DurationMs:F1}\t{e.Status}\t{e.Outcome}\t{e.Method}\t{e.Path}\t{e.Query}")));
            }
            var analysis = RequestLogAnalysis.Of(host.Requests, behaviour.Scale(behaviour.ArmLimits.MinimumRetryAfter));
            var subscriptions = estate.Subscriptions.Select(s => s.Id.ToString()).ToList();
            if (name != "serial loop") run.EmptyByTruth = await ModuleRun.AccountEmptyAnswersAsync(run.Ledger, estate);
            double bound = LowerBound.Seconds(analysis, run.Concurrency, subscriptions.Count, estate.PageSize, means, settings.TimeScale);
            var counters = host.Requests.Behaviour;
            var result = new ApproachResult(name, run.Concurrency, run.Wall.TotalSeconds, run.SignIn.TotalSeconds, run.FirstObject?.TotalSeconds,
                host.Requests.Total, host.Requests.PeakInFlight, counters.Throttled(), analysis.ArmThrottled, analysis.Retries, analysis.Repeats, analysis.EarlyRequests,
                counters.Faults(), run.Ledger.Accounted(subscriptions), subscriptions.Count, run.EmptyByTruth, run.Ledger.Missing(subscriptions),
                run.Objects, run.Errors, peakMb, bound, analysis.ByKind) { CpuSeconds = cpu.TotalSeconds, Hedges = analysis.Hedges };
            Console.WriteLine($"   {name}: {result.WallSeconds:F1} s, {result.Requests} requests, {result.Throttled429} 429s, {result.Retries} retries, {result.Hedges} hedges, " +
                $"{result.Faults} faults, {result.SubscriptionsAccounted}/{result.Subscriptions} accounted, first object {result.FirstObjectSeconds:F2} s, " +
                $"peak {result.PeakWorkingSetMb} MB, CPU {result.CpuSeconds:F1} s, bound {result.LowerBoundSeconds:F1} s");
            return result;
        }

        /// <summary>Σ over subscriptions of the core requests' mean latencies: what one request at a time must take.</summary>
        private static double SerialEstimateSeconds(Scenario estate, LatencyMeans means)
        {
            int page = Math.Max(1, estate.SecurityPageSize);
            int assessmentPages = Math.Max(1, (estate.DefaultPosture.Assessments + page - 1) / page);
            int alertPages = Math.Max(1, (estate.DefaultPosture.Alerts + page - 1) / page);
            double perSubscription = 4 * means.ArmReadSeconds + (assessmentPages + alertPages) * means.SecurityListSeconds + 6 * 0.002;
            return estate.Subscriptions.Count * perSubscription;
        }
    }
}
