using System;

namespace CrossTenantSecurity
{
    /// <summary>One scope that ended without data, and why.</summary>
    public sealed class ScopeFailure
    {
        public ScopeFailure(
            string scope,
            ScopeFailureKind kind,
            int? httpStatus,
            string? errorCode,
            string message,
            string? recommendedAction,
            Exception? exception,
            object? target = null)
        {
            Scope = scope;
            Kind = kind;
            HttpStatus = httpStatus;
            ErrorCode = errorCode;
            Message = message;
            RecommendedAction = recommendedAction;
            Exception = exception;
            Target = target;
        }

        /// <summary>The scope id: a subscription id, a tenant id or an ARM resource id.</summary>
        public string Scope { get; }
        public ScopeFailureKind Kind { get; }
        public int? HttpStatus { get; }
        /// <summary>The service's error code, e.g. AuthorizationFailed.</summary>
        public string? ErrorCode { get; }
        public string Message { get; }
        public string? RecommendedAction { get; }
        public Exception? Exception { get; }
        /// <summary>The richer object the scope came from, when there is one (e.g. a DelegatedSubscription).</summary>
        public object? Target { get; }

        public override string ToString() => $"{Scope}: {Kind} ({ErrorCode}) {Message}";
    }
}
