using System;
using Azure.Core;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// What a request is about: the service, the kind of scope and its id, the tenant whose token authenticates it and,
    /// for ARM, the subscription it counts against. Set once when the message is created, by the caller that knows it or
    /// derived from an ARM path (<see cref="ArmPathScope"/>), and read by every policy on every try: throttle buckets,
    /// hedging kinds, token choice and errors never parse the path again. It rides on the message as
    /// <see cref="AttemptTracker"/> does.
    /// </summary>
    internal sealed class RequestScope
    {
        public RequestScope(CloudService service, RequestScopeKind kind, string id, Guid? tenantId = null, string? subscriptionId = null,
            string operation = "")
        {
            Service = service;
            Kind = kind;
            Id = id ?? throw new ArgumentNullException(nameof(id));
            TenantId = tenantId;
            SubscriptionId = subscriptionId;
            Operation = operation ?? string.Empty;
        }

        public CloudService Service { get; }
        public RequestScopeKind Kind { get; }

        /// <summary>The scope's id: a subscription id, a resource group's ARM id, a workspace id, a tenant id; "/" is ARM's tenant root.</summary>
        public string Id { get; }

        /// <summary>The tenant whose token authenticates the request; null for the managing tenant.</summary>
        public Guid? TenantId { get; }

        /// <summary>The subscription an ARM request counts against (ARM throttles per subscription), when there is one.</summary>
        public string? SubscriptionId { get; }

        /// <summary>
        /// What the request asks of its scope, the same for every scope of its kind (for a derived ARM scope, the path below
        /// the scope with GUIDs starred). Reads with the same service, kind and operation share hedging latencies.
        /// </summary>
        public string Operation { get; }

        /// <summary>A customer tenant's scope on Microsoft Graph or Defender for Endpoint.</summary>
        public static RequestScope ForTenant(CloudService service, Guid tenantId, string operation = "") =>
            new RequestScope(service, RequestScopeKind.Tenant, tenantId.ToString(), tenantId, operation: operation);

        public static RequestScope? Of(HttpMessage message) =>
            message.TryGetProperty(typeof(RequestScope), out object? scope) ? scope as RequestScope : null;

        public void AttachTo(HttpMessage message) => message.SetProperty(typeof(RequestScope), this);

        public override string ToString() => $"{Service} {Kind} {Id}";
    }
}
