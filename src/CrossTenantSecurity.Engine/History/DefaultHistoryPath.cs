using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>Where the history lives when no -DatabasePath is given: the user's data folder.</summary>
    public static class DefaultHistoryPath
    {
        public const string FileName = "posture-history.db";

        /// <summary>
        /// Windows: %LOCALAPPDATA%\CrossTenantSecurity\posture-history.db. Linux and macOS: $XDG_DATA_HOME/CrossTenantSecurity
        /// (default ~/.local/share/CrossTenantSecurity).
        /// </summary>
        public static string Resolve() => Resolve(Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows));

        internal static string Resolve(Func<string, string?> environment, bool windows)
        {
            string root;
            if (windows)
            {
                root = environment("LOCALAPPDATA") is { Length: > 0 } local ? local : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            }
            else
            {
                string? xdg = environment("XDG_DATA_HOME");
                root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                    ? xdg!
                    : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }
            return Path.Combine(root, "CrossTenantSecurity", FileName);
        }
    }
}
