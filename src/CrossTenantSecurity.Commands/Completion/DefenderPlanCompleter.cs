using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace CrossTenantSecurity.Commands.Completion
{
    /// <summary>
    /// -Plan: the Defender for Cloud plan (pricing) names. Not a ValidateSet, because Microsoft adds plans and
    /// -Plan takes wildcards; a name missing here still works when typed.
    /// </summary>
    public sealed class DefenderPlanCompleter : IArgumentCompleter
    {
        internal static readonly string[] KnownPlans =
        {
            "AI", "Api", "AppServices", "Arm", "CloudPosture", "Containers", "CosmosDbs", "Dns", "KeyVaults",
            "OpenSourceRelationalDatabases", "SqlServers", "SqlServerVirtualMachines", "StorageAccounts", "VirtualMachines",
            "ContainerRegistry", "KubernetesService",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var filter = new CompletionFilter(wordToComplete);
            return KnownPlans.Where(p => filter.Matches(p)).OrderBy(p => filter.Rank(p)).ThenBy(p => p)
                .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, p))
                .ToList();
        }
    }
}
