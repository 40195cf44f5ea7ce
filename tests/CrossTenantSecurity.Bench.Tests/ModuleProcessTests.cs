using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrossTenantSecurity.Bench.Compare;

namespace CrossTenantSecurity.Bench.Tests
{
    /// <summary>
    /// "compare" runs the module in a child process started from its own process path (ModuleProcess.RunAsync).
    /// These start that child through the same code, from each way the benchmark itself can be running, and prove
    /// the child runs "module-run" (its cheap --probe form, which replies and exits before importing anything).
    /// </summary>
    public class ModuleProcessTests
    {
        private static string BenchAssembly => typeof(ModuleProcess).Assembly.Location;

        /// <summary>What Environment.ProcessPath is under "dotnet run" or bin/.../CrossTenantSecurity.Bench: the apphost beside the assembly.</summary>
        private static string Apphost =>
            Path.Combine(Path.GetDirectoryName(BenchAssembly)!, Path.GetFileNameWithoutExtension(BenchAssembly) + (OperatingSystem.IsWindows() ? ".exe" : ""));

        /// <summary>What Environment.ProcessPath is under "dotnet CrossTenantSecurity.Bench.dll": the dotnet host.</summary>
        private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

        [Fact]
        public async Task Started_from_the_apphost_the_child_runs_module_run()
        {
            Assert.True(File.Exists(Apphost), $"no apphost at {Apphost}");
            var start = ModuleProcess.ChildStartInfo(Apphost, BenchAssembly, new[] { ModuleProcess.Command, "--probe" });

            Assert.Equal(new[] { ModuleProcess.Command, "--probe" }, start.ArgumentList);
            Assert.Equal(ModuleProcess.ProbeReply, await RunAsync(start));
        }

        [Fact]
        public async Task Started_from_the_dotnet_host_the_child_gets_the_assembly_then_runs_module_run()
        {
            var start = ModuleProcess.ChildStartInfo(DotnetHost, BenchAssembly, new[] { ModuleProcess.Command, "--probe" });

            Assert.Equal(new[] { BenchAssembly, ModuleProcess.Command, "--probe" }, start.ArgumentList);
            Assert.Equal(ModuleProcess.ProbeReply, await RunAsync(start));
        }

        [Fact]
        public async Task A_child_that_does_not_understand_its_command_line_fails_the_run()
        {
            // The bug this guards against: the apphost given the assembly path first answers "Unknown argument module-run".
            var start = ModuleProcess.ChildStartInfo(Apphost, BenchAssembly, new[] { BenchAssembly, ModuleProcess.Command, "--probe" });
            var stderr = new ConcurrentQueue<string>();

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ModuleProcess.RunChildAsync(start, stderr.Enqueue));
            Assert.Contains("exit 2", error.Message, StringComparison.Ordinal);
            Assert.Contains(stderr, line => line.Contains("Unknown argument module-run", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("/usr/share/dotnet/dotnet", true)]
        [InlineData("dotnet.exe", true)]
        [InlineData("/work/bench/bin/Release/net10.0/CrossTenantSecurity.Bench", false)]
        [InlineData("CrossTenantSecurity.Bench.exe", false)]
        public void Only_the_dotnet_host_is_given_the_assembly(string processPath, bool dotnetHost)
        {
            Assert.Equal(dotnetHost, ModuleProcess.IsDotnetHost(processPath));
            var start = ModuleProcess.ChildStartInfo(processPath, "/x/CrossTenantSecurity.Bench.dll", new[] { ModuleProcess.Command });
            Assert.Equal(dotnetHost ? new[] { "/x/CrossTenantSecurity.Bench.dll", ModuleProcess.Command } : new[] { ModuleProcess.Command }, start.ArgumentList);
        }

        private static async Task<string> RunAsync(System.Diagnostics.ProcessStartInfo start)
        {
            var stderr = new ConcurrentQueue<string>();
            try
            {
                return await ModuleProcess.RunChildAsync(start, stderr.Enqueue);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException(e.Message + Environment.NewLine + string.Join(Environment.NewLine, stderr), e);
            }
        }
    }
}
