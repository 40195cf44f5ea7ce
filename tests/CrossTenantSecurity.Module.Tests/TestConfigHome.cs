using System;
using System.IO;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>
    /// Keeps the module's saved environments out of the real user profile: CT_CONFIG_HOME points at a temporary
    /// folder for the whole test process (the module reads the variable on every use).
    /// </summary>
    internal static class TestConfigHome
    {
        public const string Variable = "CT_CONFIG_HOME";
        public static readonly string Folder = Path.Combine(Path.GetTempPath(), $"ct-module-tests-{Environment.ProcessId}");

        public static void Isolate()
        {
            Directory.CreateDirectory(Folder);
            Environment.SetEnvironmentVariable(Variable, Folder);
        }
    }

    /// <summary>
    /// A fresh, empty configuration folder for one test, restored to the process-wide one afterwards. Safe because
    /// every module test runs in the one emulator collection, one at a time.
    /// </summary>
    internal sealed class ConfigHomeScope : IDisposable
    {
        public ConfigHomeScope()
        {
            Folder = Path.Combine(Path.GetTempPath(), $"ct-config-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Folder);
            Environment.SetEnvironmentVariable(TestConfigHome.Variable, Folder);
        }

        public string Folder { get; }

        public string FilePath => Path.Combine(Folder, "environments.json");

        public void Dispose()
        {
            TestConfigHome.Isolate();
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }
}
