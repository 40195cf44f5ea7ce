using System;
using Azure;
using Azure.Identity;
using CrossTenantSecurity.Engine.Session;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Scopes
{
    /// <summary>Turns whatever a scope threw into one typed <see cref="ScopeFailure"/>.</summary>
    internal static class FailureMapper
    {
        public static ScopeFailure ToFailure(string scope, Exception exception, object? target = null, string? forbiddenAction = null)
        {
            if (exception is InvalidResponseException invalid) return InvalidResponse(scope, invalid, target);
            switch (exception)
            {
                case ArmRequestException arm:
                    ScopeFailureKind kind = KindOf(arm.Status, arm.ErrorCode);
                    return new ScopeFailure(scope, kind, arm.Status, arm.ErrorCode, arm.Message, RecommendedAction(kind, forbiddenAction), arm, target);
                case TokenRequestException refused:
                    return new ScopeFailure(scope, refused.Kind, null, refused.ErrorCode, refused.Message, refused.RecommendedAction, refused, target);
                case AuthenticationFailedException auth:
                    return new ScopeFailure(scope, ScopeFailureKind.Unauthorized, 401, "AuthenticationFailed", auth.Message,
                        "Sign in again with Connect-CtAccount.", auth, target);
                case ServiceTransportException transport:
                    return new ScopeFailure(scope, transport.Kind, null, null, transport.Message, transport.RecommendedAction, transport, target);
                case RequestFailedException { Status: > 0 } answered:
                    return new ScopeFailure(scope, ScopeFailureKind.Transient, answered.Status, answered.ErrorCode,
                        answered.Message, RecommendedAction(ScopeFailureKind.Transient, null), answered, target);
                case not OperationCanceledException when TransportFailure.Of(exception, null, 1) is { } transport:
                    // Not through a service pipeline's retries (which says what it is itself): read the same way.
                    return new ScopeFailure(scope, transport.Kind, null, null, transport.Message, transport.RecommendedAction, exception, target);
                case OperationCanceledException:
                    return new ScopeFailure(scope, ScopeFailureKind.Cancelled, null, null, "The operation was cancelled.", null, exception, target);
                default:
                    return new ScopeFailure(scope, ScopeFailureKind.Unknown, null, null, exception.Message, null, exception, target);
            }
        }

        /// <summary>A success answer that did not fit the API: the scope's data cannot be trusted, so it is a failure of its own kind.</summary>
        private static ScopeFailure InvalidResponse(string scope, InvalidResponseException invalid, object? target) =>
            new(scope, ScopeFailureKind.InvalidResponse, null, null, invalid.Message,
                "Run the command again. If the answer stays malformed, check for a proxy that rewrites or answers the requests; otherwise report the x-ms-request-id to Microsoft support.",
                invalid, target);

        public static ScopeFailureKind KindOf(int status, string? errorCode)
        {
            if (string.Equals(errorCode, "ScoreNotReady", StringComparison.Ordinal)) return ScopeFailureKind.ScoreNotReady;
            if (string.Equals(errorCode, "MissingSubscriptionRegistration", StringComparison.OrdinalIgnoreCase) ||
                string.Equals(errorCode, "SubscriptionNotRegistered", StringComparison.OrdinalIgnoreCase))
                return ScopeFailureKind.NotRegistered;
            return status switch
            {
                400 => ScopeFailureKind.BadRequest,
                401 => ScopeFailureKind.Unauthorized,
                403 => ScopeFailureKind.Forbidden,
                404 => ScopeFailureKind.NotFound,
                408 => ScopeFailureKind.Transient,
                429 => ScopeFailureKind.Throttled,
                >= 500 => ScopeFailureKind.Transient,
                0 => ScopeFailureKind.Transient,
                _ => ScopeFailureKind.Unknown,
            };
        }

        public static string? RecommendedAction(ScopeFailureKind kind, string? forbiddenAction) => kind switch
        {
            ScopeFailureKind.Forbidden => forbiddenAction ?? "Ask the customer to grant a role that allows this read (e.g. Security Reader) in the Lighthouse delegation.",
            ScopeFailureKind.Unauthorized => "Sign in again with Connect-CtAccount.",
            ScopeFailureKind.NotFound => "Check the id; the subscription may have been removed from the delegation.",
            ScopeFailureKind.NotRegistered => "Register the Microsoft.Security resource provider on the subscription (the customer runs Register-AzResourceProvider -ProviderNamespace Microsoft.Security).",
            ScopeFailureKind.ScoreNotReady => "Open Defender for Cloud in the subscription once to initialise secure score, then wait for the first assessment (up to 24 hours).",
            ScopeFailureKind.ResourceGroupOnly => "Ask the customer to delegate the whole subscription (not only resource groups) with a role that reads Microsoft.Security, such as Security Reader.",
            ScopeFailureKind.Throttled => "Retry later or lower -ThrottleLimit.",
            ScopeFailureKind.Transient => TransportFailure.TransientAction,
            _ => null,
        };
    }
}
