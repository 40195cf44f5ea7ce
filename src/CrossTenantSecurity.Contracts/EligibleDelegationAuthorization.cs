using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>A just-in-time (eligible) authorization: the principal must activate the role first.</summary>
    public sealed class EligibleDelegationAuthorization
    {
        public EligibleDelegationAuthorization(Guid principalId, string? principalName, Guid roleDefinitionId, string? roleName,
            string? multiFactorAuthProvider, TimeSpan? maximumActivationDuration, IReadOnlyList<string> approvers)
        {
            PrincipalId = principalId;
            PrincipalName = principalName;
            RoleDefinitionId = roleDefinitionId;
            RoleName = roleName;
            MultiFactorAuthProvider = multiFactorAuthProvider;
            MaximumActivationDuration = maximumActivationDuration;
            Approvers = ItemList.From(approvers);
        }

        public Guid PrincipalId { get; }
        public string? PrincipalName { get; }
        public Guid RoleDefinitionId { get; }
        public string? RoleName { get; }
        /// <summary>Azure (MFA required at activation) or None.</summary>
        public string? MultiFactorAuthProvider { get; }
        public TimeSpan? MaximumActivationDuration { get; }
        public ItemList<string> Approvers { get; }

        public override string ToString() => $"{PrincipalName ?? PrincipalId.ToString()}: {RoleName ?? RoleDefinitionId.ToString()} (eligible)";
    }
}
