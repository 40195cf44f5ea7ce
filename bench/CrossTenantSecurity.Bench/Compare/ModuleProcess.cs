using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// Runs approach (b) in a child process ("bench module-run"), so that its peak working set and processor time are the
    /// module's (PowerShell engine, module, engine) and not the emulator's, which stays in this process for its request log.
    /// The child inherits SSL_CERT_FILE, so it trusts the emulator's authority as a user's shell would.
    /// </summary>
    internal static class ModuleProcess
    {
        public const string Command = "module-run";

        /// <summary>What the child measured, written as one JSON line on its standard output.</summary>
        internal sealed record Report(double WallSeconds, double? FirstObjectSeconds, long Objects, long Errors, double SignInSeconds, int Concurrency,
            Dictionary<string, int> Answered, long PeakWorkingSetMb, double CpuSeconds);

        /// <summary>The six audit cmdlets one after another (the default), or <see cref="SnapshotMode"/>: Get-CtPostureSnapshot alone.</summary>
        public const string SnapshotMode = "snapshot";

        public static async Task<(ApproachRun Run, long PeakMb, TimeSpan Cpu)> RunAsync(Uri baseUrl, TimeSpan networkTimeout, Action<string> progress, string mode = "six")
        {
            ProcessStartInfo start = ChildStartInfo(Environment.ProcessPath!, typeof(ModuleProcess).Assembly.Location,
                new[] { Command, "--url", baseUrl.AbsoluteUri, "--network-timeout", networkTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--mode", mode });
            string last = await RunChildAsync(start, progress).ConfigureAwait(false);
            Report report = JsonSerializer.Deserialize<Report>(last) ?? throw new InvalidOperationException("The module process wrote no report.");

            var ledger = new SubscriptionLedger();
            foreach (var (subscription, mask) in report.Answered) ledger.MarkAll(subscription, mask);
            var run = new ApproachRun(TimeSpan.FromSeconds(report.WallSeconds), report.FirstObjectSeconds is { } f ? TimeSpan.FromSeconds(f) : null,
                report.Objects, report.Errors, ledger, TimeSpan.FromSeconds(report.SignInSeconds), Listing: null, report.Concurrency);
            return (run, report.PeakWorkingSetMb, TimeSpan.FromSeconds(report.CpuSeconds));
        }

        /// <summary>
        /// How to start this program again with <paramref name="arguments"/>. Started through its apphost
        /// (<c>dotnet run</c>, <c>bin/.../CrossTenantSecurity.Bench</c>), the process path is the program itself and takes
        /// the arguments as they are; started as <c>dotnet CrossTenantSecurity.Bench.dll</c>, the process path is the dotnet
        /// host, which needs the assembly first. A single-file build has no assembly path and is always its own host.
        /// </summary>
        internal static ProcessStartInfo ChildStartInfo(string processPath, string assemblyPath, IEnumerable<string> arguments)
        {
            var start = new ProcessStartInfo(processPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (IsDotnetHost(processPath) && !string.IsNullOrEmpty(assemblyPath)) start.ArgumentList.Add(assemblyPath);
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            return start;
        }

        /// <summary>The dotnet host (muxer) as opposed to an apphost: dotnet on Linux and macOS, dotnet.exe on Windows.</summary>
        internal static bool IsDotnetHost(string processPath) =>
            string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase);

        /// <summary>Starts the child, forwards its standard error to <paramref name="progress"/>, returns the last line of its standard output.</summary>
        internal static async Task<string> RunChildAsync(ProcessStartInfo start, Action<string> progress)
        {
            using Process child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the module process.");
            child.ErrorDataReceived += (_, e) => { if (e.Data is { } line) progress(line); };
            child.BeginErrorReadLine();
            string output = await child.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await child.WaitForExitAsync().ConfigureAwait(false);
            string? last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (child.ExitCode != 0 || last is null)
                throw new InvalidOperationException($"The module process failed (exit {child.ExitCode}): {start.FileName} {string.Join(" ", start.ArgumentList)}");
            return last;
        }

        /// <summary>What <c>module-run --probe</c> writes: the child started, parsed its command line and exits without importing anything.</summary>
        public const string ProbeReply = "module-run: ready";

        public static int Probe()
        {
            Console.Out.WriteLine(ProbeReply);
            return 0;
        }

        /// <summary>The child's side: import the module, run the audit against the URL, report. Progress goes to standard error.</summary>
        public static int RunChild(Uri baseUrl, TimeSpan networkTimeout, string mode)
        {
            using var session = new ModuleRun();
            void Progress(string message) => Console.Error.WriteLine(message);
            var (run, peakMb, cpu) = WorkingSetSampler.MeasureAsync(() => Task.FromResult(mode == SnapshotMode
                    ? session.RunSnapshot(baseUrl, networkTimeout, Progress)
                    : session.Run(baseUrl, networkTimeout, Progress)))
                .GetAwaiter().GetResult();
            var report = new Report(run.Wall.TotalSeconds, run.FirstObject?.TotalSeconds, run.Objects, run.Errors, run.SignIn.TotalSeconds, run.Concurrency,
                run.Ledger.Snapshot(), peakMb, cpu.TotalSeconds);
            Console.Out.WriteLine(JsonSerializer.Serialize(report));
            return 0;
        }
    }
}
