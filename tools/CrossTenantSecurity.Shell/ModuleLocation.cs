using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace CrossTenantSecurity.Shell
{
    /// <summary>Where the build assembled the module and where the repository is, as recorded at build time.</summary>
    public static class ModuleLocation
    {
        public static string Manifest => Metadata("ModuleManifest");
        public static string RepoRoot => Metadata("RepoRoot");

        private static string Metadata(string key) =>
            typeof(ModuleLocation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"Build metadata '{key}' is missing.");

        public static string EnsureManifest()
        {
            string path = Manifest;
            if (!File.Exists(path)) throw new FileNotFoundException($"The assembled module is missing at {path}; run 'dotnet build' first.", path);
            return path;
        }
    }
}
