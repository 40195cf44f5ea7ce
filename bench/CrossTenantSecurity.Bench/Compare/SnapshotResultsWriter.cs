using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// The S2-snapshot comparison (Get-CtPostureSnapshot against the six audit cmdlets one after another) as snapshot-latest.md
    /// and snapshot-latest.json. In each <see cref="ComparisonResult"/> Loop is the six cmdlets and Module the snapshot.
    /// </summary>
    internal static class SnapshotResultsWriter
    {
        private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

        public static string Markdown(IReadOnlyList<ComparisonResult> results, CompareSettings settings)
        {
            var md = new StringBuilder();
            md.AppendLine("# Get-CtPostureSnapshot vs the six audit cmdlets");
            md.AppendLine();
            md.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, time scale {settings.TimeScale}, seed {settings.Seed}, latency on, {settings.NetworkTimeoutNote}. " +
                "Both in a child process with default settings (-ThrottleLimit 64, hedging on), each against a fresh emulator. Times are seconds at this time scale. " +
                $"Command: `{settings.CommandLine}`.");
            md.AppendLine();
            md.AppendLine("| Scenario | Approach | c | Wall s | CPU s | Requests | 429s | Retries | Hedges | Accounted | Errors / failures | Peak WS MB | Lower bound s | Wall / bound |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (ComparisonResult r in results)
            {
                foreach (ApproachResult a in new[] { r.Loop, r.Module })
                {
                    md.AppendLine(($"| {r.Scenario} | {a.Approach} | {a.Concurrency} | {a.WallSeconds:F1} | {a.CpuSeconds:F1} | {a.Requests} | {a.Throttled429} | {a.Retries} | {a.Hedges} | " +
                        $"{a.SubscriptionsAccounted}/{a.Subscriptions} | {a.Errors} | {a.PeakWorkingSetMb} | {a.LowerBoundSeconds:F1} | {a.WallOverBound:F2}× |"));
                }
                md.AppendLine();
                md.AppendLine(($"**{r.Scenario}: the snapshot took {r.Module.WallSeconds:F1} s against {r.Loop.WallSeconds:F1} s for the six cmdlets " +
                    $"({r.SpeedUp:F2}× faster), {r.Module.Requests} requests against {r.Loop.Requests}, peak working set {r.Module.PeakWorkingSetMb} MB.**"));
                md.AppendLine();
            }
            md.AppendLine("Requests by kind (six cmdlets / snapshot):");
            md.AppendLine();
            foreach (ComparisonResult r in results)
            {
                foreach (string kind in r.Loop.RequestsByKind.Keys.Union(r.Module.RequestsByKind.Keys).OrderBy(k => k, StringComparer.Ordinal))
                {
                    md.AppendLine(($"- {kind}: {(r.Loop.RequestsByKind.TryGetValue(kind, out int a) ? a : 0)} / {(r.Module.RequestsByKind.TryGetValue(kind, out int b) ? b : 0)}"));
                }
            }
            md.AppendLine();
            md.AppendLine("The snapshot also reads each subscription's Lighthouse delegations (one more request per subscription), reads a subscription's " +
                "paged lists beside its short reads (two lanes, so c = 128), and never waits for one kind to finish everywhere before the next begins. " +
                "Lower bound: bench/README.md, for each approach's c and the requests it actually sent. Errors / failures: the six cmdlets' error records; " +
                "the snapshot's Failures (the same reads as data, plus its delegation reads).");
            return md.ToString();
        }

        public static void Write(string directory, IReadOnlyList<ComparisonResult> results, CompareSettings settings)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "snapshot-latest.md"), Markdown(results, settings));
            var document = new
            {
                generatedUtc = DateTime.UtcNow,
                processorCount = Environment.ProcessorCount,
                settings.TimeScale,
                settings.Seed,
                networkTimeoutSeconds = settings.NetworkTimeout.TotalSeconds,
                settings.CommandLine,
                results = results.Select(r => new { r.Scenario, r.Description, r.Subscriptions, snapshotSpeedUp = r.SpeedUp, sixCmdlets = r.Loop, snapshot = r.Module }),
            };
            File.WriteAllText(Path.Combine(directory, "snapshot-latest.json"), JsonSerializer.Serialize(document, Json));
        }
    }
}
