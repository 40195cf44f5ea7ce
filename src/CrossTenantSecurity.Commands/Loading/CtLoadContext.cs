using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CrossTenantSecurity.Commands.Loading
{
    /// <summary>
    /// The module's private load context: the Engine and its Azure/MSAL dependencies load here from
    /// bin/Core/Dependencies, so another module's Azure.Core in the default context never meets ours.
    /// </summary>
    internal sealed class CtLoadContext : AssemblyLoadContext
    {
        private readonly string _dependencyDirectory;

        public CtLoadContext(string dependencyDirectory)
            : base("CrossTenantSecurity", isCollectible: false)
        {
            _dependencyDirectory = dependencyDirectory;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
            if (!File.Exists(path)) return null; // Contracts and the framework come from the default context.
            if (IsSatisfiedByHost(assemblyName)) return null;
            return LoadFromAssemblyPath(path);
        }

        /// <summary>
        /// Defer to the shared framework or $PSHOME when they already carry a version at least as new
        /// (same name, public key token and culture): a second copy of a framework assembly would split types.
        /// </summary>
        private static bool IsSatisfiedByHost(AssemblyName requested)
        {
            foreach (string directory in HostDirectories())
            {
                string candidate = Path.Combine(directory, requested.Name + ".dll");
                if (!File.Exists(candidate)) continue;
                AssemblyName available;
                try { available = AssemblyName.GetAssemblyName(candidate); }
                catch (BadImageFormatException) { continue; }
                if (available.Version >= requested.Version &&
                    string.Equals(available.CultureName ?? string.Empty, requested.CultureName ?? string.Empty, StringComparison.OrdinalIgnoreCase) &&
                    KeyTokensMatch(available.GetPublicKeyToken(), requested.GetPublicKeyToken()))
                {
                    return true;
                }
            }
            return false;
        }

        private static string[] HostDirectories()
        {
            string framework = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
            string psHome = Path.GetDirectoryName(typeof(System.Management.Automation.PSObject).Assembly.Location) ?? string.Empty;
            return new[] { framework, psHome };
        }

        private static bool KeyTokensMatch(byte[]? a, byte[]? b)
        {
            if (a is null || a.Length == 0) return b is null || b.Length == 0;
            if (b is null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i]) return false;
            }
            return true;
        }
    }
}
