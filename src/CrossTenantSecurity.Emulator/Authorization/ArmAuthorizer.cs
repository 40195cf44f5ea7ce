using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Emulator.Arm;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Authorization
{
    /// <summary>
    /// Decides a request the way ARM does with Lighthouse. Roles come from own-tenant role assignments and
    /// from delegations that authorize the caller (or a group it is in); a role applies at its scope and
    /// below, so a resource-group delegation never grants subscription-level reads. A token from a tenant
    /// that neither owns nor manages the subscription is refused as coming from the wrong tenant.
    /// </summary>
    internal sealed class ArmAuthorizer
    {
        private readonly EstateIndex _estate;

        public ArmAuthorizer(EstateIndex estate) => _estate = estate;

        /// <summary>Null when allowed, otherwise ARM's error result.</summary>
        public IResult? Check(ArmCaller caller, Guid subscriptionId, string? resourceGroup, string action, string scopeText)
        {
            ScenarioSubscription? subscription = _estate.Subscription(subscriptionId);
            if (subscription is null) return ArmErrors.SubscriptionNotFound(subscriptionId.ToString());

            bool tenantReaches = subscription.TenantId == caller.TenantId || _estate.ManagedByTenants(subscriptionId).Contains(caller.TenantId);
            if (!tenantReaches)
            {
                return ArmErrors.Create(401, "InvalidAuthenticationTokenTenant",
                    $"The access token is from the wrong issuer 'https://sts.windows.net/{caller.TenantId}/'. It must match the tenant 'https://sts.windows.net/{subscription.TenantId}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/{subscription.TenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.");
            }

            if (RolesAt(caller, subscriptionId, resourceGroup).Any(role => role.Allows(action))) return null;
            return Forbidden(caller, action, scopeText);
        }

        public static IResult Forbidden(ArmCaller caller, string action, string scopeText) =>
            ArmErrors.Create(403, "AuthorizationFailed",
                $"The client '{caller.Principal.ObjectId}' with object id '{caller.Principal.ObjectId}' does not have authorization to perform action '{action}' over scope '{scopeText}' or the scope is invalid. If access was recently granted, please refresh your credentials.");

        /// <summary>Roles the caller holds at the subscription (resourceGroup null) or at one resource group in it.</summary>
        public IEnumerable<RoleDefinition> RolesAt(ArmCaller caller, Guid subscriptionId, string? resourceGroup)
        {
            HashSet<Guid> identities = _estate.Identities(caller.Principal);
            bool ownTenant = _estate.Subscription(subscriptionId)?.TenantId == caller.TenantId;
            foreach (var (assignment, scope) in _estate.AssignmentsIn(subscriptionId))
            {
                if (!ownTenant || !identities.Contains(assignment.PrincipalId)) continue;
                if (Covers(scope, subscriptionId, resourceGroup) && BuiltInRoles.Find(assignment.RoleDefinitionId) is { } role) yield return role;
            }
            foreach (var (delegation, scope) in _estate.DelegationsIn(subscriptionId))
            {
                if (delegation.ManagedByTenantId != caller.TenantId || !Covers(scope, subscriptionId, resourceGroup)) continue;
                foreach (ScenarioAuthorization authorization in delegation.Authorizations)
                {
                    if (identities.Contains(authorization.PrincipalId) && BuiltInRoles.Find(authorization.RoleDefinitionId) is { } role) yield return role;
                }
            }
        }

        private static bool Covers(ArmScope granted, Guid subscriptionId, string? resourceGroup) =>
            granted.SubscriptionId == subscriptionId &&
            (granted.IsSubscription || (resourceGroup is not null && string.Equals(granted.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase)));
    }
}
