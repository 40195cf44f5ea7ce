using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>Validates tenant and subscription ids given as text, with one clear error per bad value.</summary>
    internal static class IdArguments
    {
        /// <summary>Adds every valid GUID to <paramref name="into"/>; each invalid one becomes a non-terminating error.</summary>
        public static void Collect(CtCmdlet cmdlet, IEnumerable<string>? values, string parameterName, ICollection<Guid> into)
        {
            if (values is null) return;
            foreach (string value in values)
            {
                if (TryParse(value, out Guid id))
                {
                    if (!into.Contains(id)) into.Add(id);
                }
                else
                {
                    cmdlet.WriteError(InvalidGuid(cmdlet.ErrorNoun, parameterName, value));
                }
            }
        }

        public static bool TryParse(string? value, out Guid id) => Guid.TryParse(value?.Trim(), out id);

        public static ErrorRecord InvalidGuid(string noun, string parameterName, string? value) =>
            ErrorRecordFactory.Create(
                new ArgumentException($"-{parameterName} '{value}' is not a valid GUID. Tenant and subscription ids look like 00000000-0000-0000-0000-000000000000.", parameterName),
                $"{noun}.Invalid{parameterName}", ErrorCategory.InvalidArgument, value,
                "Pass the id, not a display name or domain; Get-CtTenant and Get-CtDelegatedSubscription list them.");
    }
}
