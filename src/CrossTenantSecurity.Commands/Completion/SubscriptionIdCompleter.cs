using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Completion
{
    /// <summary>
    /// -SubscriptionId: the subscriptions of the signed-in session (only those of the tenants already given
    /// with -TenantId, if any); inserts the id, shows the name, tenant and state.
    /// </summary>
    public sealed class SubscriptionIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            CrossTenantClient? client = ScopeCompletion.SignedInClient();
            if (client is null) return Enumerable.Empty<CompletionResult>();

            HashSet<Guid> tenants = BoundTenantIds(fakeBoundParameters);
            var filter = new CompletionFilter(wordToComplete);
            return ScopeCompletion.Read(token => client.GetKnownSubscriptionsAsync(ScopeCompletion.ListingWait, token))
                .Where(s => tenants.Count == 0 || tenants.Contains(s.TenantId))
                .Where(s => filter.Matches(s.SubscriptionId, s.DisplayName, s.TenantName))
                .OrderBy(s => filter.Rank(s.SubscriptionId, s.DisplayName))
                .ThenBy(s => s.TenantName ?? s.TenantId.ToString())
                .ThenBy(s => s.DisplayName ?? s.SubscriptionId)
                .Select(ToResult)
                .ToList();
        }

        private static HashSet<Guid> BoundTenantIds(IDictionary fakeBoundParameters)
        {
            var ids = new HashSet<Guid>();
            object? bound = fakeBoundParameters?["TenantId"];
            IEnumerable values = bound is IEnumerable many and not string ? many : new[] { bound };
            foreach (object? value in values)
            {
                if (IdArguments.TryParse(LanguagePrimitives.ConvertTo<string>(value), out Guid id)) ids.Add(id);
            }
            return ids;
        }

        private static CompletionResult ToResult(DelegatedSubscription subscription)
        {
            string tenant = subscription.TenantName is null ? subscription.TenantId.ToString() : $"{subscription.TenantName} ({subscription.TenantId})";
            string toolTip = $"{subscription.DisplayName ?? "(no name)"}\nSubscription {subscription.SubscriptionId}\nTenant {tenant}\n"
                + $"State {subscription.State ?? "unknown"}, {subscription.AccessType}";
            return new CompletionResult(subscription.SubscriptionId, ScopeCompletion.ListItemText(subscription.DisplayName, subscription.SubscriptionId),
                CompletionResultType.ParameterValue, toolTip);
        }
    }
}
