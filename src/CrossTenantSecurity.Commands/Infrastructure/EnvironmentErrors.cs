using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Environments;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    internal static class EnvironmentErrors
    {
        public static ErrorRecord NotFound(string name, IEnumerable<CloudEnvironment> known) =>
            ErrorRecordFactory.Create(
                new ItemNotFoundException($"No environment named '{name}'. Known: {string.Join(", ", known.Select(e => e.Name).OrderBy(n => n))}."),
                "Environment.NotFound", ErrorCategory.ObjectNotFound, name,
                "Add it first with Add-CtEnvironment -Name -ResourceManagerUrl -ActiveDirectoryAuthority.");

        public static ErrorRecord BuiltIn(string name, string action) =>
            ErrorRecordFactory.Create(
                new ArgumentException($"'{name}' is a built-in environment and cannot be {action}."),
                "Environment.BuiltIn", ErrorCategory.InvalidArgument, name, "Built-in environments are always available; choose a custom environment's name.");

        public static ErrorRecord SaveFailed(string name, Exception exception) =>
            ErrorRecordFactory.Create(
                new InvalidOperationException($"The saved environments file '{EnvironmentCatalog.UserFilePath}' could not be updated for '{name}': {exception.Message}", exception),
                "Environment.SaveFailed", ErrorCategory.WriteError, name,
                $"Check the folder's permissions, point {ConfigurationFolder.OverrideVariable} at a writable folder, or use -Scope Process.");
    }
}
