using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace CrossTenantSecurity.Commands.Environments
{
    /// <summary>
    /// environments.json in a configuration folder: the custom environments saved with -Scope CurrentUser.
    /// Reading never throws (a damaged file reads as empty, with the reason); writing replaces the file in one
    /// rename, under a lock file, so two processes never tear it or lose each other's change.
    /// </summary>
    internal sealed class EnvironmentFile
    {
        public const string FileName = "environments.json";
        private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(5);
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            WriteIndented = true,
        };

        public EnvironmentFile(string folder)
        {
            Folder = folder;
            Path = System.IO.Path.Combine(folder, FileName);
        }

        public string Folder { get; }
        public string Path { get; }

        /// <summary>The saved environments, and what was wrong with the file or an entry (a warning each).</summary>
        public (IReadOnlyList<CloudEnvironment> Environments, IReadOnlyList<string> Problems) Read()
        {
            var problems = new List<string>();
            string text;
            try
            {
                text = File.ReadAllText(Path);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return (Array.Empty<CloudEnvironment>(), problems);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"Saved environments in '{Path}' could not be read ({e.Message}); only the built-in and this process's environments are available.");
                return (Array.Empty<CloudEnvironment>(), problems);
            }
            return (Parse(text, problems), problems);
        }

        /// <summary>
        /// Applies <paramref name="change"/> to the saved list and writes it back if it says it changed something.
        /// A damaged file is kept beside the new one (environments.json.&lt;time&gt;.corrupt) rather than lost.
        /// </summary>
        public bool Update(Func<List<CloudEnvironment>, bool> change, Action<string> warn)
        {
            Directory.CreateDirectory(Folder);
            using FileStream gate = AcquireLock();
            var problems = new List<string>();
            string? text = File.Exists(Path) ? File.ReadAllText(Path) : null;
            List<CloudEnvironment> saved = text is null ? new List<CloudEnvironment>() : Parse(text, problems);
            if (!change(saved)) return false;

            if (problems.Count > 0 && text is not null)
            {
                string kept = $"{Path}.{DateTime.UtcNow:yyyyMMddHHmmss}.corrupt";
                File.Copy(Path, kept, overwrite: true);
                warn($"'{Path}' was damaged ({string.Join(" ", problems)}); it was kept as '{kept}' and rewritten.");
            }
            WriteAtomically(saved);
            return true;
        }

        private static List<CloudEnvironment> Parse(string text, List<string> problems)
        {
            var result = new List<CloudEnvironment>();
            SavedEnvironmentsDocument? document;
            try
            {
                document = JsonSerializer.Deserialize<SavedEnvironmentsDocument>(text, Json);
            }
            catch (JsonException e)
            {
                problems.Add($"The saved environments file is not valid JSON ({e.Message}); only the built-in and this process's environments are available.");
                return result;
            }
            foreach (SavedEnvironment entry in document?.Environments ?? new List<SavedEnvironment>())
            {
                if (ToEnvironment(entry) is CloudEnvironment environment && !result.Any(e => SameName(e.Name, environment.Name)))
                    result.Add(environment);
                else
                    problems.Add($"A saved environment entry ('{entry?.Name}') was skipped: it needs a name that is not built in and absolute https URLs.");
            }
            return result;
        }

        private static CloudEnvironment? ToEnvironment(SavedEnvironment? entry)
        {
            if (entry is null || string.IsNullOrWhiteSpace(entry.Name) || CloudEnvironment.BuiltIn.Any(b => SameName(b.Name, entry.Name))) return null;
            if (!TryHttps(entry.ResourceManagerUrl, out Uri? arm) || !TryHttps(entry.ActiveDirectoryAuthority, out Uri? authority)) return null;
            if (!TryOptionalHttps(entry.GraphUrl, out Uri? graph) || !TryOptionalHttps(entry.LogAnalyticsUrl, out Uri? logAnalytics) ||
                !TryOptionalHttps(entry.DefenderEndpointUrl, out Uri? defenderEndpoint)) return null;
            return new CloudEnvironment(entry.Name!, arm!, authority!, entry.ResourceManagerAudience ?? string.Empty, graph, EnvironmentSource.CurrentUser,
                logAnalytics, defenderEndpoint, entry.GraphAudience, entry.LogAnalyticsAudience, entry.DefenderEndpointAudience,
                entry.MonitorIngestionAudience);
        }

        /// <summary>Absent is fine; present must be an absolute https URL.</summary>
        private static bool TryOptionalHttps(string? text, out Uri? uri)
        {
            uri = null;
            return string.IsNullOrEmpty(text) || TryHttps(text, out uri);
        }

        private static bool TryHttps(string? text, out Uri? uri) =>
            Uri.TryCreate(text, UriKind.Absolute, out uri) && uri.Scheme == Uri.UriSchemeHttps;

        private static bool SameName(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private void WriteAtomically(IEnumerable<CloudEnvironment> environments)
        {
            var document = new SavedEnvironmentsDocument
            {
                Environments = environments.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(e => new SavedEnvironment
                {
                    Name = e.Name,
                    ResourceManagerUrl = e.ResourceManagerUrl.AbsoluteUri,
                    ActiveDirectoryAuthority = e.ActiveDirectoryAuthority.AbsoluteUri,
                    ResourceManagerAudience = e.ResourceManagerAudience,
                    GraphUrl = e.GraphUrl?.AbsoluteUri,
                    GraphAudience = e.GraphAudience,
                    LogAnalyticsUrl = e.LogAnalyticsUrl?.AbsoluteUri,
                    LogAnalyticsAudience = e.LogAnalyticsAudience,
                    DefenderEndpointUrl = e.DefenderEndpointUrl?.AbsoluteUri,
                    DefenderEndpointAudience = e.DefenderEndpointAudience,
                    MonitorIngestionAudience = e.MonitorIngestionAudience,
                }).ToList(),
            };
            string temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    JsonSerializer.Serialize(stream, document, Json);
                    stream.Flush(flushToDisk: true);
                }
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.Move(temporary, Path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }

        /// <summary>An exclusive lock file (FileShare.None is an advisory lock on Linux and macOS) serialises writers.</summary>
        private FileStream AcquireLock()
        {
            string lockPath = Path + ".lock";
            var waited = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (waited.Elapsed < LockWait)
                {
                    Thread.Sleep(50);
                }
            }
        }
    }
}
