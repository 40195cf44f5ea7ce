using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.Scenarios
{
    /// <summary>
    /// The scenario indexed for lookups, and the access rules ARM applies with Lighthouse:
    /// a principal reaches its own tenant's subscriptions through role assignments, and a customer's
    /// subscriptions through delegations whose authorizations name it (or a group it is in).
    /// </summary>
    public sealed class EstateIndex
    {
        private readonly Dictionary<Guid, ScenarioTenant> _tenants;
        private readonly Dictionary<Guid, ScenarioPrincipal> _principalsByObjectId;
        private readonly Dictionary<Guid, ScenarioPrincipal> _principalsByAppId;
        private readonly Dictionary<Guid, ScenarioSubscription> _subscriptions;
        private readonly Dictionary<Guid, List<Guid>> _managedBy;
        private readonly Dictionary<Guid, List<(ScenarioDelegation Delegation, ArmScope Scope)>> _delegationsBySubscription = new();
        private readonly Dictionary<Guid, List<(ScenarioRoleAssignment Assignment, ArmScope Scope)>> _assignmentsBySubscription = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Tenant, Guid Principal), IReadOnlyList<ScenarioSubscription>> _visible = new();

        public EstateIndex(Scenario scenario)
        {
            Scenario = scenario;
            _tenants = scenario.Tenants.ToDictionary(t => t.Id);
            _principalsByObjectId = scenario.Principals.ToDictionary(p => p.ObjectId);
            _principalsByAppId = scenario.Principals.Where(p => p.AppId.HasValue).ToDictionary(p => p.AppId!.Value);
            _subscriptions = scenario.Subscriptions.ToDictionary(s => s.Id);
            _managedBy = new Dictionary<Guid, List<Guid>>();
            foreach (ScenarioDelegation delegation in scenario.Delegations)
            {
                foreach (string scope in delegation.Scopes)
                {
                    if (!ArmScope.TryParse(scope, out ArmScope parsed)) continue;
                    if (!_managedBy.TryGetValue(parsed.SubscriptionId, out List<Guid>? list)) _managedBy[parsed.SubscriptionId] = list = new List<Guid>();
                    if (!list.Contains(delegation.ManagedByTenantId)) list.Add(delegation.ManagedByTenantId);
                    Bucket(_delegationsBySubscription, parsed.SubscriptionId).Add((delegation, parsed));
                }
            }
            foreach (ScenarioRoleAssignment assignment in scenario.RoleAssignments)
            {
                if (ArmScope.TryParse(assignment.Scope, out ArmScope parsed)) Bucket(_assignmentsBySubscription, parsed.SubscriptionId).Add((assignment, parsed));
            }
        }

        private static List<T> Bucket<T>(Dictionary<Guid, List<T>> index, Guid key)
        {
            if (!index.TryGetValue(key, out List<T>? list)) index[key] = list = new List<T>();
            return list;
        }

        /// <summary>Lighthouse delegations with a scope in the subscription, with that scope.</summary>
        public IReadOnlyList<(ScenarioDelegation Delegation, ArmScope Scope)> DelegationsIn(Guid subscriptionId) =>
            _delegationsBySubscription.TryGetValue(subscriptionId, out var list) ? list : Array.Empty<(ScenarioDelegation, ArmScope)>();

        /// <summary>Own-tenant role assignments at the subscription or below it.</summary>
        public IReadOnlyList<(ScenarioRoleAssignment Assignment, ArmScope Scope)> AssignmentsIn(Guid subscriptionId) =>
            _assignmentsBySubscription.TryGetValue(subscriptionId, out var list) ? list : Array.Empty<(ScenarioRoleAssignment, ArmScope)>();

        public Scenario Scenario { get; }

        public ScenarioTenant? Tenant(Guid id) => _tenants.TryGetValue(id, out ScenarioTenant? t) ? t : null;
        public ScenarioPrincipal? PrincipalByObjectId(Guid id) => _principalsByObjectId.TryGetValue(id, out ScenarioPrincipal? p) ? p : null;
        public ScenarioPrincipal? PrincipalByAppId(Guid id) => _principalsByAppId.TryGetValue(id, out ScenarioPrincipal? p) ? p : null;
        public ScenarioSubscription? Subscription(Guid id) => _subscriptions.TryGetValue(id, out ScenarioSubscription? s) ? s : null;

        /// <summary>Every tenant that manages the subscription through Lighthouse, at any scope within it.</summary>
        public IReadOnlyList<Guid> ManagedByTenants(Guid subscriptionId) =>
            _managedBy.TryGetValue(subscriptionId, out List<Guid>? list) ? list : (IReadOnlyList<Guid>)Array.Empty<Guid>();

        /// <summary>The principal's object id and the groups it is in.</summary>
        public HashSet<Guid> Identities(ScenarioPrincipal principal)
        {
            var ids = new HashSet<Guid> { principal.ObjectId };
            foreach (Guid group in principal.MemberOf) ids.Add(group);
            return ids;
        }

        /// <summary>
        /// Subscriptions a token from (tenant, principal) can see, in a stable order: own-tenant role
        /// assignments at or below the subscription, or an active Lighthouse authorization at or below it.
        /// Eligible (just-in-time) authorizations grant nothing until activated.
        /// </summary>
        public IReadOnlyList<ScenarioSubscription> VisibleSubscriptions(Guid tokenTenantId, ScenarioPrincipal principal) =>
            _visible.GetOrAdd((tokenTenantId, principal.ObjectId), _ => ComputeVisibleSubscriptions(tokenTenantId, principal));

        private IReadOnlyList<ScenarioSubscription> ComputeVisibleSubscriptions(Guid tokenTenantId, ScenarioPrincipal principal)
        {
            HashSet<Guid> identities = Identities(principal);
            var visible = new HashSet<Guid>();
            foreach (ScenarioRoleAssignment assignment in Scenario.RoleAssignments)
            {
                if (!identities.Contains(assignment.PrincipalId) || !ArmScope.TryParse(assignment.Scope, out ArmScope scope)) continue;
                if (Subscription(scope.SubscriptionId) is { } sub && sub.TenantId == tokenTenantId) visible.Add(sub.Id);
            }
            foreach (ScenarioDelegation delegation in Scenario.Delegations)
            {
                if (delegation.ManagedByTenantId != tokenTenantId) continue;
                if (!delegation.Authorizations.Any(a => identities.Contains(a.PrincipalId))) continue;
                foreach (string text in delegation.Scopes)
                {
                    if (ArmScope.TryParse(text, out ArmScope scope)) visible.Add(scope.SubscriptionId);
                }
            }
            return Scenario.Subscriptions.Where(s => visible.Contains(s.Id)).ToList();
        }

        /// <summary>Tenants related to the token's tenant, with ARM's tenantCategory values.</summary>
        public IReadOnlyList<(ScenarioTenant Tenant, string Category)> RelatedTenants(Guid tokenTenantId, ScenarioPrincipal principal)
        {
            var result = new List<(ScenarioTenant, string)>();
            if (Tenant(tokenTenantId) is { } home) result.Add((home, "Home"));
            HashSet<Guid> identities = Identities(principal);
            var added = new HashSet<Guid> { tokenTenantId };
            foreach (ScenarioDelegation d in Scenario.Delegations)
            {
                if (d.ManagedByTenantId == tokenTenantId && d.Authorizations.Any(a => identities.Contains(a.PrincipalId)) &&
                    added.Add(d.CustomerTenantId) && Tenant(d.CustomerTenantId) is { } customer)
                {
                    result.Add((customer, "ProjectedBy"));
                }
            }
            foreach (ScenarioDelegation d in Scenario.Delegations)
            {
                if (d.CustomerTenantId == tokenTenantId && added.Add(d.ManagedByTenantId) && Tenant(d.ManagedByTenantId) is { } provider)
                    result.Add((provider, "ManagedBy"));
            }
            return result;
        }
    }
}
