using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace CrossTenantSecurity.Commands.Loading
{
    /// <summary>
    /// Bridges the default context to the module's private one. It answers only for the Engine (which
    /// then pulls its own dependencies into <see cref="CtLoadContext"/>) and for Contracts (which must be
    /// the single default-context copy, so output types are the same types everywhere).
    /// This class must not reference Engine types: it runs before the hook exists.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private const string EngineName = "CrossTenantSecurity.Engine";
        private const string ContractsName = "CrossTenantSecurity.Contracts";
        private static readonly object Gate = new object();
        private static readonly string BinDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? AppContext.BaseDirectory;
        private static readonly Lazy<CtLoadContext> LoadContext =
            new Lazy<CtLoadContext>(() => new CtLoadContext(Path.Combine(BinDirectory, "Dependencies")));
        private static int s_imports;

        public void OnImport()
        {
            lock (Gate)
            {
                if (s_imports++ == 0) AssemblyLoadContext.Default.Resolving += Resolve;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (s_imports > 0 && --s_imports == 0) AssemblyLoadContext.Default.Resolving -= Resolve;
            }
        }

        private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
        {
            if (string.Equals(name.Name, EngineName, StringComparison.Ordinal))
                return LoadContext.Value.LoadFromAssemblyName(name);
            if (string.Equals(name.Name, ContractsName, StringComparison.Ordinal))
            {
                string path = Path.Combine(BinDirectory, ContractsName + ".dll");
                return File.Exists(path) ? AssemblyLoadContext.Default.LoadFromAssemblyPath(path) : null;
            }
            return null;
        }
    }
}
