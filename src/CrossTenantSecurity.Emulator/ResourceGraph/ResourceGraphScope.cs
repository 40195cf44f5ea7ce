using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Emulator.Arm;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>
    /// The subscriptions a query covers, in the engine's natural order (subscription id text, ordinal), so that
    /// rows in that order ascend by resource id across subscriptions too.
    /// </summary>
    internal sealed record ResourceGraphScope(IReadOnlyList<Guid> Subscriptions, bool TenantLimitHit)
    {
        public const int MaxRequestSubscriptions = 1000;
        public const int MaxTenantSubscriptions = 10000;
        public const string TenantLimitHeader = "x-ms-tenant-subscription-limit-hit";

        /// <summary>Returns an error result, or null with the scope.</summary>
        public static IResult? TryResolve(ResourceGraphRequest request, IResourceGraphData data, ArmCaller caller, out ResourceGraphScope scope)
        {
            scope = new ResourceGraphScope(Array.Empty<Guid>(), false);
            if (request.ManagementGroups is { Count: > 0 }) return ResourceGraphErrors.ManagementGroupsUnsupported();
            IReadOnlyList<Guid> queryable = data.QueryableSubscriptions(caller);
            if (request.Subscriptions is { } requested)
            {
                if (requested.Count > MaxRequestSubscriptions) return ResourceGraphErrors.TooManySubscriptions(requested.Count);
                // Like ARG, subscriptions the caller cannot see (or malformed ids) are silently left out.
                var visible = new HashSet<Guid>(queryable);
                var chosen = requested.Select(s => Guid.TryParse(s, out Guid id) ? id : Guid.Empty)
                    .Where(id => id != Guid.Empty && visible.Contains(id)).Distinct();
                scope = new ResourceGraphScope(Natural(chosen), false);
                return null;
            }
            bool hit = queryable.Count > MaxTenantSubscriptions;
            scope = new ResourceGraphScope(Natural(queryable.Take(MaxTenantSubscriptions)), hit);
            return null;
        }

        private static List<Guid> Natural(IEnumerable<Guid> subscriptions) =>
            subscriptions.OrderBy(s => s.ToString("D"), StringComparer.Ordinal).ToList();
    }
}
