using System.Management.Automation;
using System.Reflection;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// -Debug on a compiled cmdlet also turns its warnings and non-terminating errors into "Continue?" prompts
    /// (PowerShell sets their preference to Inquire), and a non-interactive host (a runbook, CI, pwsh -NonInteractive)
    /// answers a prompt by failing the command. Here -Debug means what it says: show the debug stream. Warnings and
    /// errors keep the caller's $WarningPreference and $ErrorActionPreference unless -WarningAction or -ErrorAction
    /// is given. PowerShell exposes no public setter for a running command's preferences, so the command runtime's
    /// own (internal) ones are set; if a future PowerShell renames them, nothing changes and -Debug prompts as before.
    /// </summary>
    internal static class DebugWithoutPrompts
    {
        public static void Apply(PSCmdlet cmdlet)
        {
            if (!cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out object? debug) || debug is not SwitchParameter { IsPresent: true }) return;
            SetRuntimePreference(cmdlet, "DebugPreference", ActionPreference.Continue);
            if (!cmdlet.MyInvocation.BoundParameters.ContainsKey("Verbose"))
            {
                // Verbose has no preference setter: set the -Verbose flag itself to what the caller's $VerbosePreference says.
                bool show = Preference(cmdlet, "VerbosePreference") is ActionPreference.Continue or ActionPreference.Inquire;
                SetRuntimeFlag(cmdlet, "Verbose", show);
                SetRuntimeFlag(cmdlet, "IsVerboseFlagSet", true);
            }
            KeepCallerPreference(cmdlet, "WarningAction", "WarningPreference", "WarningPreference");
            KeepCallerPreference(cmdlet, "ErrorAction", "ErrorActionPreference", "ErrorAction");
        }

        private static void KeepCallerPreference(PSCmdlet cmdlet, string parameter, string variable, string runtimeProperty)
        {
            if (cmdlet.MyInvocation.BoundParameters.ContainsKey(parameter)) return;
            ActionPreference? caller = Preference(cmdlet, variable);
            SetRuntimePreference(cmdlet, runtimeProperty, caller is ActionPreference p && p != ActionPreference.Inquire ? p : ActionPreference.Continue);
        }

        private static ActionPreference? Preference(PSCmdlet cmdlet, string variable)
        {
            object? value = cmdlet.GetVariableValue(variable);
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            return value as ActionPreference?;
        }

        private static void SetRuntimeFlag(PSCmdlet cmdlet, string runtimeProperty, bool value)
        {
            PropertyInfo? property = cmdlet.CommandRuntime?.GetType().GetProperty(runtimeProperty, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
            if (property?.PropertyType == typeof(bool) && property.CanWrite) property.SetValue(cmdlet.CommandRuntime, value);
        }

        private static void SetRuntimePreference(PSCmdlet cmdlet, string runtimeProperty, ActionPreference preference)
        {
            PropertyInfo? property = cmdlet.CommandRuntime?.GetType().GetProperty(runtimeProperty, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
            if (property?.PropertyType == typeof(ActionPreference) && property.CanWrite) property.SetValue(cmdlet.CommandRuntime, preference);
        }
    }
}
