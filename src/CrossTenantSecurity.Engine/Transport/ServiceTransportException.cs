using System;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// A request that got no answer to use, past its retries (at once for an untrusted certificate, which no retry
    /// mends): a <see cref="TransportFailure"/> with the last try's exception inside.
    /// </summary>
    internal sealed class ServiceTransportException : Exception
    {
        public ServiceTransportException(TransportFailure failure, string host, int tries, Exception lastTry)
            : base(failure.Message, lastTry)
        {
            Host = host;
            Kind = failure.Kind;
            RecommendedAction = failure.RecommendedAction;
            Tries = tries;
        }

        /// <summary>The service's host the request went to.</summary>
        public string Host { get; }

        public ScopeFailureKind Kind { get; }
        public string RecommendedAction { get; }

        /// <summary>Tries sent, the first included.</summary>
        public int Tries { get; }
    }
}
