using System;
using System.Collections.Generic;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// The -SubscriptionId / -TenantId values a command gathered over all its pipeline input. Each bad GUID
    /// is one error; when every id given was bad, the command does nothing rather than widen to everything.
    /// </summary>
    internal sealed class ScopeSelection
    {
        private readonly List<Guid> _subscriptionIds = new List<Guid>();
        private readonly List<Guid> _tenantIds = new List<Guid>();
        private bool _idGiven;

        public void Collect(CtCmdlet cmdlet, string[]? subscriptionIds, string[]? tenantIds)
        {
            _idGiven |= subscriptionIds is { Length: > 0 } || tenantIds is { Length: > 0 };
            IdArguments.Collect(cmdlet, subscriptionIds, "SubscriptionId", _subscriptionIds);
            IdArguments.Collect(cmdlet, tenantIds, "TenantId", _tenantIds);
        }

        /// <summary>Ids were given but none was valid (each already reported).</summary>
        public bool OnlyInvalidIds => _idGiven && _subscriptionIds.Count == 0 && _tenantIds.Count == 0;

        public SubscriptionQuery ToQuery(bool includeHome) => new SubscriptionQuery
        {
            IncludeHome = includeHome,
            TenantIds = _tenantIds,
            SubscriptionIds = _subscriptionIds.ConvertAll(id => id.ToString("D")),
        };
    }
}
