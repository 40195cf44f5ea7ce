using System;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>
    /// A token for one (service, tenant) was refused. It fails that tenant's scope only; the session and the
    /// other tenants go on. The message and action come from Entra's answer (an AADSTS code and text, never a token).
    /// </summary>
    internal sealed class TokenRequestException : Exception
    {
        public TokenRequestException(CloudService service, Guid tenantId, ScopeFailureKind kind, string? errorCode, string message,
            string? recommendedAction, Exception? inner = null)
            : base(message, inner)
        {
            Service = service;
            TenantId = tenantId;
            Kind = kind;
            ErrorCode = errorCode;
            RecommendedAction = recommendedAction;
        }

        public CloudService Service { get; }
        public Guid TenantId { get; }
        public ScopeFailureKind Kind { get; }
        /// <summary>AADSTS code when Entra gave one, e.g. AADSTS65001.</summary>
        public string? ErrorCode { get; }
        public string? RecommendedAction { get; }
    }
}
