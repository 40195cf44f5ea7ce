using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
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
        /// Native libraries our dependencies import (e_sqlite3 for the history) come from Dependencies/runtimes/&lt;rid&gt;/native,
        /// never from the process's search path: another module's SQLite, already in the process under the same name,
        /// is a different handle and does not meet ours. Anything we do not ship goes to the default probing.
        /// </summary>
        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            foreach (string rid in CandidateRids())
            {
                string directory = Path.Combine(_dependencyDirectory, "runtimes", rid, "native");
                foreach (string file in CandidateFileNames(unmanagedDllName))
                {
                    string path = Path.Combine(directory, file);
                    if (File.Exists(path)) return LoadUnmanagedDllFromPath(path);
                }
            }
            return IntPtr.Zero;
        }

        private static string[] CandidateRids()
        {
            string arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.X86 => "x86",
                Architecture.Arm64 => "arm64",
                Architecture.Arm => "arm",
                _ => RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            };
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return new[] { "win-" + arch };
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return new[] { "osx-" + arch };
            // Alpine and other musl systems first when the runtime says so; glibc otherwise.
            bool musl = RuntimeInformation.RuntimeIdentifier.Contains("musl");
            return musl ? new[] { "linux-musl-" + arch, "linux-" + arch } : new[] { "linux-" + arch };
        }

        private static string[] CandidateFileNames(string name)
        {
            if (Path.HasExtension(name) && (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.Contains(".so") || name.EndsWith(".dylib", StringComparison.Ordinal)))
                return new[] { name };
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return new[] { name + ".dll" };
            string suffix = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ".dylib" : ".so";
            return new[] { "lib" + name + suffix, name + suffix };
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
