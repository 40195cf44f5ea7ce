using System;

namespace CrossTenantSecurity
{
    /// <summary>A failure that affects the whole command, with a stable error id.</summary>
    public sealed class CrossTenantException : Exception
    {
        public CrossTenantException(string errorId, CrossTenantErrorKind kind, string message, string? recommendedAction = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            RecommendedAction = recommendedAction;
        }

        /// <summary>Stable id of the form Noun.Reason, e.g. Credential.SignInFailed.</summary>
        public string ErrorId { get; }
        public CrossTenantErrorKind Kind { get; }
        public string? RecommendedAction { get; }
    }
}
