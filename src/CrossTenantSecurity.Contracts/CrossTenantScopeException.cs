using System;

namespace CrossTenantSecurity
{
    /// <summary>The exception inside the ErrorRecord written for one failed scope.</summary>
    public sealed class CrossTenantScopeException : Exception
    {
        public CrossTenantScopeException(ScopeFailure failure)
            : base(failure?.Message, failure?.Exception)
        {
            Failure = failure ?? throw new ArgumentNullException(nameof(failure));
        }

        public ScopeFailure Failure { get; }
    }
}
