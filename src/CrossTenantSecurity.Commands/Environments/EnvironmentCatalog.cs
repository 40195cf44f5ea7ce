using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Commands.Environments
{
    /// <summary>
    /// Every cloud a session can sign in to: the built-ins, the ones saved for the current user (re-read on each
    /// use, so a new session or another process sees a change at once) and the ones added with -Scope Process.
    /// Process environments belong to the process, not the runspace (as in Az): every runspace sees them, and one
    /// hides a saved environment of the same name.
    /// </summary>
    internal static class EnvironmentCatalog
    {
        private static readonly ConcurrentDictionary<string, CloudEnvironment> ProcessScoped =
            new ConcurrentDictionary<string, CloudEnvironment>(StringComparer.OrdinalIgnoreCase);

        private static EnvironmentFile UserFile => new EnvironmentFile(ConfigurationFolder.Resolve());

        public static IReadOnlyList<CloudEnvironment> List(Action<string> warn)
        {
            var (saved, problems) = UserFile.Read();
            foreach (string problem in problems) warn(problem);
            var custom = new Dictionary<string, CloudEnvironment>(StringComparer.OrdinalIgnoreCase);
            foreach (CloudEnvironment environment in saved) custom[environment.Name] = environment;
            foreach (CloudEnvironment environment in ProcessScoped.Values) custom[environment.Name] = environment;
            // The built-ins first, AzureCloud (the default) leading; then the custom ones by name.
            return CloudEnvironment.BuiltIn
                .Concat(custom.Values.Where(e => !IsBuiltIn(e.Name)).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase))
                .ToList();
        }

        /// <summary>The environment of that name (names are case-insensitive, as in Az), or null.</summary>
        public static CloudEnvironment? Named(IEnumerable<CloudEnvironment> known, string name) =>
            known.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

        public static bool IsBuiltIn(string name) =>
            CloudEnvironment.BuiltIn.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>Saves or keeps <paramref name="environment"/> according to its Source; the newest definition wins.</summary>
        public static void Add(CloudEnvironment environment, Action<string> warn)
        {
            if (environment.Source == EnvironmentSource.Process)
            {
                ProcessScoped[environment.Name] = environment;
                return;
            }
            UserFile.Update(saved =>
            {
                saved.RemoveAll(e => string.Equals(e.Name, environment.Name, StringComparison.OrdinalIgnoreCase));
                saved.Add(environment);
                return true;
            }, warn);
            ProcessScoped.TryRemove(environment.Name, out _);
        }

        /// <summary>Removes the custom environment of that name from this process and from the saved file.</summary>
        public static void Remove(string name, Action<string> warn)
        {
            ProcessScoped.TryRemove(name, out _);
            EnvironmentFile file = UserFile;
            if (!System.IO.File.Exists(file.Path)) return;
            file.Update(saved => saved.RemoveAll(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)) > 0, warn);
        }

        /// <summary>Where saved environments live now (for messages and help).</summary>
        public static string UserFilePath => UserFile.Path;
    }
}
