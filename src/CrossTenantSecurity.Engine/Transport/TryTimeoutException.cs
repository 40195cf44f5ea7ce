using System;
using System.Globalization;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// One try that got no complete answer within the per-try timeout. Azure.Core ends such a try with a cancellation
    /// that looks like the caller's; <see cref="ServiceRetryPolicy"/> tells them apart and says which it was.
    /// </summary>
    internal sealed class TryTimeoutException : TimeoutException
    {
        public TryTimeoutException(TimeSpan timeout, Exception inner)
            : base($"No complete answer within {Seconds(timeout)} s.", inner) => Timeout = timeout;

        /// <summary>The per-try timeout that ran out.</summary>
        public TimeSpan Timeout { get; }

        public static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
