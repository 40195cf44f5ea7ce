using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>A Lighthouse registration assignment with its definition expanded: who manages what, with which roles.</summary>
    public sealed class Delegation : SubscriptionScoped
    {
        public Delegation(SubscriptionRef subscription, string offerName, string? description, string scope, DelegationScopeType scopeType, string? resourceGroup,
            Guid managingTenantId, string? managingTenantName, Guid customerTenantId, string? customerTenantName,
            IReadOnlyList<DelegationAuthorization> authorizations, IReadOnlyList<EligibleDelegationAuthorization> eligibleAuthorizations,
            string? provisioningState, string? marketplacePlan, string registrationDefinitionId, string id)
            : base(subscription)
        {
            OfferName = offerName;
            Description = description;
            Scope = scope;
            ScopeType = scopeType;
            ResourceGroup = resourceGroup;
            ManagingTenantId = managingTenantId;
            ManagingTenantName = managingTenantName;
            CustomerTenantId = customerTenantId;
            CustomerTenantName = customerTenantName;
            Authorizations = ItemList.From(authorizations);
            EligibleAuthorizations = ItemList.From(eligibleAuthorizations);
            ProvisioningState = provisioningState;
            MarketplacePlan = marketplacePlan;
            RegistrationDefinitionId = registrationDefinitionId;
            Id = id;
        }

        public string OfferName { get; }
        public string? Description { get; }
        public string Scope { get; }
        public DelegationScopeType ScopeType { get; }
        public string? ResourceGroup { get; }
        public Guid ManagingTenantId { get; }
        public string? ManagingTenantName { get; }
        public Guid CustomerTenantId { get; }
        public string? CustomerTenantName { get; }
        public ItemList<DelegationAuthorization> Authorizations { get; }
        public ItemList<EligibleDelegationAuthorization> EligibleAuthorizations { get; }
        public string? ProvisioningState { get; }
        /// <summary>publisher.product.plan.version for Marketplace offers; null for offers deployed from templates.</summary>
        public string? MarketplacePlan { get; }
        public string RegistrationDefinitionId { get; }
        public string Id { get; }

        /// <summary>Subscription scope and a standing role that can read Microsoft.Security (Reader, Security Reader, Security Admin, Contributor).</summary>
        public bool DefenderReady
        {
            get
            {
                if (ScopeType != DelegationScopeType.Subscription) return false;
                foreach (DelegationAuthorization authorization in Authorizations)
                {
                    if (authorization.CanReadSecurity) return true;
                }
                return false;
            }
        }

        public override string ToString() => $"{OfferName} on {Scope}";
    }
}
