using System;

namespace CrossTenantSecurity
{
    /// <summary>What kind of problem stopped a whole command (not one scope).</summary>
    public enum CrossTenantErrorKind : long
    {
        Unknown = 0,
        /// <summary>No credential could be obtained, or sign-in was refused.</summary>
        Authentication,
        /// <summary>An argument was wrong (bad GUID, unknown environment...).</summary>
        InvalidArgument,
        /// <summary>A required thing does not exist (e.g. an environment name).</summary>
        NotFound,
        /// <summary>The service could not be reached.</summary>
        Connection,
    }

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
