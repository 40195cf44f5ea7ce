using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Bench
{
    /// <summary>
    /// How big and how fast the emulator is: time to build and start an estate, memory before and after
    /// every subscription's posture is generated, and requests per second it sustains with latency off.
    /// </summary>
    internal static class EmulatorStats
    {
        public static async Task<int> RunAsync(string scenarioName, int seconds, int concurrency)
        {
            _ = PlatformTrust.ProcessAuthority;
            long baseline = WorkingSetMb();
            var watch = Stopwatch.StartNew();
            Scenario scenario = ScenarioLoader.Load(scenarioName);
            double generateMs = watch.Elapsed.TotalMilliseconds;
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { Scenario = scenario, CertificateAuthority = PlatformTrust.ProcessAuthority });
            double startMs = watch.Elapsed.TotalMilliseconds;
            long afterStart = WorkingSetMb();

            var principal = scenario.Principals.First(p => p.Secret is not null);
            string token = host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId, lifetime: TimeSpan.FromHours(2));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = host.BaseUrl };
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);

            // Touch every subscription's posture once (secure score), as a full audit would.
            watch.Restart();
            var subscriptions = scenario.Subscriptions.Select(s => s.Id).ToList();
            await Parallel.ForEachAsync(subscriptions, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (id, ct) =>
            {
                using HttpResponseMessage _ = await http.GetAsync($"subscriptions/{id}/providers/Microsoft.Security/secureScores?api-version=2020-01-01", ct);
            });
            double materializeMs = watch.Elapsed.TotalMilliseconds;
            GC.Collect();
            long afterMaterialize = WorkingSetMb();

            string[] paths =
            {
                "providers/Microsoft.Security/secureScores?api-version=2020-01-01",
                "providers/Microsoft.Security/pricings?api-version=2024-01-01",
                "providers/Microsoft.Security/alerts?api-version=2022-01-01",
                "providers/Microsoft.Security/assessments?api-version=2021-06-01",
                "providers/Microsoft.Security/secureScoreControls?api-version=2020-01-01",
            };
            long requests = 0, failures = 0;
            var latencies = new List<double>();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            watch.Restart();
            var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
            {
                var random = new Random(worker);
                var local = new List<double>();
                while (!stop.IsCancellationRequested)
                {
                    string path = $"subscriptions/{subscriptions[random.Next(subscriptions.Count)]}/{paths[random.Next(paths.Length)]}";
                    long started = Stopwatch.GetTimestamp();
                    try
                    {
                        using HttpResponseMessage response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                        if ((int)response.StatusCode >= 500) Interlocked.Increment(ref failures);
                    }
                    catch (HttpRequestException) { Interlocked.Increment(ref failures); }
                    local.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref requests);
                }
                lock (latencies) latencies.AddRange(local);
            })).ToArray();
            await Task.WhenAll(workers);
            double elapsed = watch.Elapsed.TotalSeconds;
            latencies.Sort();

            Console.WriteLine($"Emulator stats for {scenario.Name}: {scenario.Tenants.Count} tenants, {scenario.Subscriptions.Count} subscriptions, {Environment.ProcessorCount} cores");
            Console.WriteLine($"| measure | value |");
            Console.WriteLine($"|---|---|");
            Console.WriteLine($"| generate estate | {generateMs:F0} ms |");
            Console.WriteLine($"| generate + start host | {startMs:F0} ms |");
            Console.WriteLine($"| working set before / after start | {baseline} / {afterStart} MB |");
            Console.WriteLine($"| generate every subscription's posture (via HTTP, c={concurrency}) | {materializeMs:F0} ms |");
            Console.WriteLine($"| working set with all posture generated | {afterMaterialize} MB |");
            Console.WriteLine($"| throughput, latency off, c={concurrency}, {seconds} s | {requests / elapsed:F0} req/s ({requests} requests, {failures} failures) |");
            Console.WriteLine($"| client-observed latency p50 / p99 | {Percentile(latencies, 0.5):F1} / {Percentile(latencies, 0.99):F1} ms |");
            return failures == 0 ? 0 : 1;
        }

        private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

        private static long WorkingSetMb()
        {
            using Process self = Process.GetCurrentProcess();
            self.Refresh();
            return self.WorkingSet64 / (1024 * 1024);
        }
    }
}
