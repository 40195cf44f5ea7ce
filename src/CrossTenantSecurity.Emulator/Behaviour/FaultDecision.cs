using System;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>The fault for one request; <see cref="RetryAfter"/> (scaled) only for 503.</summary>
    internal readonly record struct FaultDecision(FaultKind Kind, TimeSpan? RetryAfter)
    {
        public static readonly FaultDecision None = new(FaultKind.None, null);
    }
}
