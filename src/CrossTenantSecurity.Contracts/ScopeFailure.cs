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
        /// <summary>
        /// The noun of the ErrorId when it is not the command's own (a snapshot reports each posture kind's
        /// failures under that kind's noun, e.g. SecureScore.NotRegistered); null means the command's noun.
        /// </summary>
        public string? Noun { get; private set; }

        /// <summary>A copy whose ErrorId uses <paramref name="noun"/>.</summary>
        public ScopeFailure WithNoun(string noun) =>
            new ScopeFailure(Scope, Kind, HttpStatus, ErrorCode, Message, RecommendedAction, Exception, Target) { Noun = noun };

        public override string ToString() => $"{Scope}: {Kind} ({ErrorCode}) {Message}";
    }
}
