using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Completion
{
    /// <summary>-TenantId: the tenants of the signed-in session; inserts the id, shows the name.</summary>
    public sealed class TenantIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            CrossTenantClient? client = ScopeCompletion.SignedInClient();
            if (client is null) return Enumerable.Empty<CompletionResult>();

            var filter = new CompletionFilter(wordToComplete);
            return ScopeCompletion.Read(token => client.GetKnownTenantsAsync(ScopeCompletion.ListingWait, token))
                .Where(t => filter.Matches(t.TenantId.ToString(), t.DisplayName, t.DefaultDomain))
                .OrderBy(t => filter.Rank(t.TenantId.ToString(), t.DisplayName))
                .ThenBy(t => t.Relationship == TenantRelationship.Managing ? 0 : 1)
                .ThenBy(t => t.DisplayName ?? t.TenantId.ToString())
                .Select(ToResult)
                .ToList();
        }

        private static CompletionResult ToResult(Tenant tenant)
        {
            string id = tenant.TenantId.ToString();
            string toolTip = $"{tenant.DisplayName ?? "(no name)"}\nTenant {id}\n{tenant.Relationship}"
                + (tenant.DefaultDomain is null ? string.Empty : $", {tenant.DefaultDomain}");
            return new CompletionResult(id, ScopeCompletion.ListItemText(tenant.DisplayName, id), CompletionResultType.ParameterValue, toolTip);
        }
    }
}
