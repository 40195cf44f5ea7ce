using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>A subscription reachable from the signed-in (managing) tenant.</summary>
    public sealed class DelegatedSubscription
    {
        public DelegatedSubscription(
            string subscriptionId,
            string? displayName,
            string? state,
            Guid tenantId,
            string? tenantName,
            Guid managingTenantId,
            IReadOnlyList<Guid> managedByTenantIds,
            SubscriptionAccessType accessType,
            string? authorizationSource,
            IReadOnlyDictionary<string, string> tags)
        {
            SubscriptionId = subscriptionId;
            DisplayName = displayName;
            State = state;
            TenantId = tenantId;
            TenantName = tenantName;
            ManagingTenantId = managingTenantId;
            ManagedByTenantIds = ItemList.From(managedByTenantIds);
            AccessType = accessType;
            AuthorizationSource = authorizationSource;
            Tags = tags as TagDictionary ?? new TagDictionary(tags);
        }

        public string SubscriptionId { get; }
        public string? DisplayName { get; }
        /// <summary>Same as <see cref="DisplayName"/>; every subscription-scoped object carries this name.</summary>
        public string? SubscriptionName => DisplayName;
        /// <summary>Enabled, Warned, PastDue, Disabled, Deleted, or a value unknown today.</summary>
        public string? State { get; }
        /// <summary>Home tenant: the customer that owns the subscription.</summary>
        public Guid TenantId { get; }
        public string? TenantName { get; }
        /// <summary>The signed-in tenant through which the subscription is reached.</summary>
        public Guid ManagingTenantId { get; }
        /// <summary>Every tenant that manages the subscription through Lighthouse (there can be several).</summary>
        public ItemList<Guid> ManagedByTenantIds { get; }
        public SubscriptionAccessType AccessType { get; }
        public string? AuthorizationSource { get; }
        public TagDictionary Tags { get; }
        public string Id => "/subscriptions/" + SubscriptionId;

        public override string ToString() => $"{DisplayName} ({SubscriptionId})";
    }
}
