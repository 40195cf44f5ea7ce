using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>A standing (permanent) authorization in a Lighthouse offer.</summary>
    public sealed class DelegationAuthorization
    {
        public DelegationAuthorization(Guid principalId, string? principalName, Guid roleDefinitionId, string? roleName, bool canReadSecurity, IReadOnlyList<Guid> delegatedRoleDefinitionIds)
        {
            PrincipalId = principalId;
            PrincipalName = principalName;
            RoleDefinitionId = roleDefinitionId;
            RoleName = roleName;
            CanReadSecurity = canReadSecurity;
            DelegatedRoleDefinitionIds = ItemList.From(delegatedRoleDefinitionIds);
        }

        public Guid PrincipalId { get; }
        public string? PrincipalName { get; }
        public Guid RoleDefinitionId { get; }
        /// <summary>Resolved for built-in roles; null for a role id this module does not know.</summary>
        public string? RoleName { get; }
        public bool CanReadSecurity { get; }
        public ItemList<Guid> DelegatedRoleDefinitionIds { get; }

        public override string ToString() => $"{PrincipalName ?? PrincipalId.ToString()}: {RoleName ?? RoleDefinitionId.ToString()}";
    }
}
