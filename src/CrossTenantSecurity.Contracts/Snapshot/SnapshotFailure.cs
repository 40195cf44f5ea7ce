using System;

namespace CrossTenantSecurity
{
    /// <summary>One posture kind of one subscription that could not be read: the same ErrorId and fix the error stream carries.</summary>
    public sealed class SnapshotFailure
    {
        public SnapshotFailure(string errorId, string postureKind, ScopeFailureKind reason, Guid? tenantId, string? tenantName, string target, string? subscriptionName,
            int? httpStatus, string? errorCode, string message, string? recommendedAction)
        {
            ErrorId = errorId;
            PostureKind = postureKind;
            Reason = reason;
            TenantId = tenantId;
            TenantName = tenantName;
            Target = target;
            SubscriptionName = subscriptionName;
            HttpStatus = httpStatus;
            ErrorCode = errorCode;
            Message = message;
            RecommendedAction = recommendedAction;
        }

        /// <summary>&lt;Kind&gt;.&lt;Reason&gt;, e.g. SecureScore.NotRegistered (the ErrorId the kind's own cmdlet uses).</summary>
        public string ErrorId { get; }
        /// <summary>SecureScore, SecureScoreControl, Recommendation, Alert, DefenderPlan, RegulatoryCompliance or Delegation.</summary>
        public string PostureKind { get; }
        public ScopeFailureKind Reason { get; }
        /// <summary>Home tenant of the subscription; null when the scope is not a known subscription.</summary>
        public Guid? TenantId { get; }
        public string? TenantName { get; }
        /// <summary>The subscription id (or other scope id).</summary>
        public string Target { get; }
        public string? SubscriptionName { get; }
        public int? HttpStatus { get; }
        public string? ErrorCode { get; }
        public string Message { get; }
        public string? RecommendedAction { get; }

        public override string ToString() => $"{ErrorId}: {Target}: {Message}";
    }
}
