using System;
using Azure.Core;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// The client's view of one of the services' throttling buckets (a session is one principal, so the principal is
    /// implied). ARM throttles per subscription and per tenant for calls outside one, separately for reads, writes and
    /// deletes; Resource Graph by its own quota; Microsoft Graph and Defender for Endpoint per app per tenant; Log
    /// Analytics per user. A value type, so keying a hold costs no allocation.
    /// </summary>
    internal readonly struct ThrottleBucket : IEquatable<ThrottleBucket>
    {
        private const string Any = "any";

        private readonly string? _subscription;
        private readonly Guid? _tenant;
        private readonly string _operation;

        private ThrottleBucket(CloudService service, RequestScopeKind kind, string? subscription, Guid? tenant, string operation)
        {
            Service = service;
            Kind = kind;
            _subscription = subscription;
            _tenant = tenant;
            _operation = operation;
        }

        public CloudService Service { get; }

        /// <summary>Subscription, Tenant or ResourceGraph: which partition of the service the bucket is in.</summary>
        public RequestScopeKind Kind { get; }

        public static ThrottleBucket Of(RequestScope scope, RequestMethod method)
        {
            if (scope.Kind == RequestScopeKind.ResourceGraph) return new ThrottleBucket(scope.Service, RequestScopeKind.ResourceGraph, null, null, Any);
            if (scope.Service != CloudService.ResourceManager) return new ThrottleBucket(scope.Service, RequestScopeKind.Tenant, null, scope.TenantId, Any);
            string operation = method == RequestMethod.Get || method == RequestMethod.Head ? "read" : method == RequestMethod.Delete ? "delete" : "write";
            return scope.SubscriptionId is string subscription
                ? new ThrottleBucket(scope.Service, RequestScopeKind.Subscription, subscription, null, operation)
                : new ThrottleBucket(scope.Service, RequestScopeKind.Tenant, null, scope.TenantId, operation);
        }

        public bool Equals(ThrottleBucket other) =>
            Service == other.Service && Kind == other.Kind && _tenant == other._tenant
            && string.Equals(_subscription, other._subscription, StringComparison.OrdinalIgnoreCase)
            && string.Equals(_operation, other._operation, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is ThrottleBucket other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(Service, Kind, _tenant, _subscription is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_subscription), _operation);

        /// <summary>For messages and tests: "ResourceManager {subscription}/read", "MicrosoftGraph {tenant}", "ResourceManager managing tenant/read".</summary>
        public override string ToString()
        {
            string partition = Kind switch
            {
                RequestScopeKind.ResourceGraph => "resource graph",
                RequestScopeKind.Subscription => _subscription!,
                _ => _tenant?.ToString() ?? "managing tenant",
            };
            return _operation == Any ? $"{Service} {partition}" : $"{Service} {partition}/{_operation}";
        }
    }
}
