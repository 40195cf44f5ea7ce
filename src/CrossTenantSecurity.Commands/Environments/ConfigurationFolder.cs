using System;
using System.IO;

namespace CrossTenantSecurity.Commands.Environments
{
    /// <summary>
    /// The per-user folder the module keeps its settings in: CT_CONFIG_HOME when set (tests and CI point it at a
    /// temporary folder), else %APPDATA%\CrossTenantSecurity on Windows and $XDG_CONFIG_HOME (or ~/.config)
    /// /CrossTenantSecurity elsewhere. Read on every use, so a change to the variable takes effect at once.
    /// </summary>
    internal static class ConfigurationFolder
    {
        public const string OverrideVariable = "CT_CONFIG_HOME";
        private const string ModuleFolder = "CrossTenantSecurity";

        public static string Resolve()
        {
            string? overridden = Environment.GetEnvironmentVariable(OverrideVariable);
            if (!string.IsNullOrWhiteSpace(overridden)) return Path.GetFullPath(overridden);
            if (OperatingSystem.IsWindows())
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), ModuleFolder);

            // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
            string? xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            string root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(root, ModuleFolder);
        }
    }
}
