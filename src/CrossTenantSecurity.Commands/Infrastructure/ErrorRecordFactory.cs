using System;
using System.Management.Automation;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>ErrorRecords with stable ids (Noun.Reason), mapped categories and recommended actions.</summary>
    internal static class ErrorRecordFactory
    {
        public static ErrorRecord FromScopeFailure(ScopeFailure failure, string noun)
        {
            var record = new ErrorRecord(new CrossTenantScopeException(failure), $"{noun}.{failure.Kind}", CategoryOf(failure), failure.Target ?? failure.Scope);
            record.ErrorDetails = new ErrorDetails(DescribeScope(failure))
            {
                RecommendedAction = failure.RecommendedAction ?? string.Empty,
            };
            return record;
        }

        public static ErrorRecord FromException(CrossTenantException exception, object? target) =>
            Create(exception, exception.ErrorId, CategoryOf(exception.Kind), target, exception.RecommendedAction);

        public static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction = null)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (!string.IsNullOrEmpty(recommendedAction))
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
            }
            return record;
        }

        public static ErrorCategory CategoryOf(ScopeFailure failure) => failure.Kind switch
        {
            ScopeFailureKind.Unauthorized => ErrorCategory.AuthenticationError,
            ScopeFailureKind.Forbidden or ScopeFailureKind.ResourceGroupOnly or ScopeFailureKind.ConsentRequired or ScopeFailureKind.AccessBlocked => ErrorCategory.PermissionDenied,
            ScopeFailureKind.NotFound => ErrorCategory.ObjectNotFound,
            ScopeFailureKind.NotRegistered => ErrorCategory.NotEnabled,
            ScopeFailureKind.ScoreNotReady => ErrorCategory.ResourceUnavailable,
            ScopeFailureKind.Throttled => ErrorCategory.LimitsExceeded,
            ScopeFailureKind.Transient => failure.HttpStatus is null ? ErrorCategory.ConnectionError : ErrorCategory.ResourceUnavailable,
            ScopeFailureKind.Timeout => ErrorCategory.OperationTimeout,
            ScopeFailureKind.ConnectionFailed => ErrorCategory.ConnectionError,
            ScopeFailureKind.TlsTrust => ErrorCategory.SecurityError,
            ScopeFailureKind.BadRequest or ScopeFailureKind.NotInScope => ErrorCategory.InvalidArgument,
            ScopeFailureKind.Cancelled => ErrorCategory.OperationStopped,
            ScopeFailureKind.InvalidResponse => ErrorCategory.InvalidResult,
            _ => ErrorCategory.NotSpecified,
        };

        public static ErrorCategory CategoryOf(CrossTenantErrorKind kind) => kind switch
        {
            CrossTenantErrorKind.Authentication => ErrorCategory.AuthenticationError,
            CrossTenantErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            CrossTenantErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            CrossTenantErrorKind.Connection => ErrorCategory.ConnectionError,
            _ => ErrorCategory.NotSpecified,
        };

        private static string DescribeScope(ScopeFailure failure)
        {
            string status = failure.HttpStatus is int code ? $" (HTTP {code}{(failure.ErrorCode is null ? string.Empty : " " + failure.ErrorCode)})" : string.Empty;
            return $"{failure.Scope}: {failure.Message}{status}";
        }
    }
}
