using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>Writes the comparison as a markdown table (latest.md) and as JSON (latest.json).</summary>
    internal static class ResultsWriter
    {
        private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

        /// <summary>Numbers are formatted with the invariant culture: Program sets it for the whole process.</summary>
        public static string Markdown(IReadOnlyList<ComparisonResult> results, CompareSettings settings)
        {
            var md = new StringBuilder();
            md.AppendLine("# Serial loop vs module");
            md.AppendLine();
            md.AppendLine(($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, time scale {settings.TimeScale}, seed {settings.Seed}, " +
                $"latency on, {settings.NetworkTimeoutNote}. " +
                "Times are wall-clock seconds at this time scale (divide by the scale for Azure-equivalent seconds). Command: " +
                $"`{settings.CommandLine}`."));
            md.AppendLine();
            md.AppendLine("| Scenario | Speed-up (loop / module) | Module / lower bound for its c | Module wall s | Loop wall s | Subscriptions accounted (loop / module) | Early requests (loop / module) | Module retries + hedges, % of requests |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (ComparisonResult r in results)
            {
                md.AppendLine(($"| {r.Scenario} | {r.SpeedUp:F1}× | {r.ModuleOverBound:F2}× (c={r.Module.Concurrency}) | {r.Module.WallSeconds:F1} | {r.Loop.WallSeconds:F1} | " +
                    $"{Percent(r.Loop)} / {Percent(r.Module)} | {r.Loop.EarlyRequests} / {r.Module.EarlyRequests} | " +
                    $"{r.Module.Retries} + {r.Module.Hedges}, {100.0 * (r.Module.Retries + r.Module.Hedges) / Math.Max(1, r.Module.Requests):F2}% |"));
            }
            md.AppendLine();
            md.AppendLine("| Scenario | Approach | c | Wall s | CPU s | Requests | 429s | Retries | Hedges | Early | Faults | Accounted | First object s | Peak WS MB | Lower bound s | Wall / bound |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (ComparisonResult r in results)
            {
                foreach (ApproachResult a in new[] { r.Loop, r.Module })
                {
                    md.AppendLine(($"| {r.Scenario} | {a.Approach} | {a.Concurrency} | {a.WallSeconds:F1} | {a.CpuSeconds:F1} | {a.Requests} | {a.Throttled429} | {a.Retries} | {a.Hedges} | {a.EarlyRequests} | {a.Faults} | " +
                        $"{a.SubscriptionsAccounted}/{a.Subscriptions} | {(a.FirstObjectSeconds is { } f ? f.ToString("F2", CultureInfo.InvariantCulture) : "-")} | {a.PeakWorkingSetMb} | " +
                        $"{a.LowerBoundSeconds:F1} | {a.WallOverBound:F2}× |"));
                }
            }
            md.AppendLine();
            md.AppendLine("Scenarios:");
            md.AppendLine();
            foreach (ComparisonResult r in results) md.AppendLine($"- **{r.Scenario}**: {r.Description}.");
            md.AppendLine();
            md.AppendLine("Columns are explained in bench/README.md (\"Serial loop vs module\"). Peak WS and CPU s: the module's own child process (PowerShell engine, module, engine); for the loop, the benchmark process with the emulator in it.");
            return md.ToString();
        }

        public static void Write(string directory, IReadOnlyList<ComparisonResult> results, CompareSettings settings)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "latest.md"), Markdown(results, settings));
            var document = new
            {
                generatedUtc = DateTime.UtcNow,
                processorCount = Environment.ProcessorCount,
                settings.TimeScale,
                settings.Seed,
                networkTimeoutSeconds = settings.NetworkTimeout.TotalSeconds,
                settings.CommandLine,
                results = results.Select(r => new { r.Scenario, r.Description, r.Subscriptions, r.SpeedUp, r.ModuleOverBound, r.Loop, r.Module }),
            };
            File.WriteAllText(Path.Combine(directory, "latest.json"), JsonSerializer.Serialize(document, Json));
        }

        private static string Percent(ApproachResult a) => ($"{100.0 * a.SubscriptionsAccounted / Math.Max(1, a.Subscriptions):F1}%");

    }
}
