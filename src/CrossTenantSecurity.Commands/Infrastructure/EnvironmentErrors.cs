using System.Linq;
using System.Management.Automation;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    internal static class EnvironmentErrors
    {
        public static ErrorRecord NotFound(string name, CtSessionState session) =>
            ErrorRecordFactory.Create(
                new ItemNotFoundException($"No environment named '{name}'. Known: {string.Join(", ", session.Environments.Keys.OrderBy(k => k))}."),
                "Environment.NotFound", ErrorCategory.ObjectNotFound, name,
                "Add it first with Add-CtEnvironment -Name -ResourceManagerUrl -ActiveDirectoryAuthority.");
    }
}
