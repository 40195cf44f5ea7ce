using System;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// A request that got no answer to use, past its retries (at once for an untrusted certificate, which no retry
    /// mends): a <see cref="TransportFailure"/> with the last try's exception inside.
    /// </summary>
    internal sealed class ServiceTransportException : Exception
    {
        public ServiceTransportException(TransportFailure failure, int tries, Exception lastTry)
            : base(failure.Message, lastTry)
        {
            Kind = failure.Kind;
            RecommendedAction = failure.RecommendedAction;
            Tries = tries;
        }

        public ScopeFailureKind Kind { get; }
        public string RecommendedAction { get; }

        /// <summary>Tries sent, the first included.</summary>
        public int Tries { get; }
    }
}
