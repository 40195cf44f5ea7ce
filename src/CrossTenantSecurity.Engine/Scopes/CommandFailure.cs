using System;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Scopes
{
    /// <summary>
    /// A whole command stopped by the connection (the subscription listing got no answer, say): the same typed failure a
    /// scope gets, with the service's host as its scope, so the command's terminating error says what happened too.
    /// </summary>
    public static class CommandFailure
    {
        /// <summary>The failure, or null when <paramref name="exception"/> is not about the connection.</summary>
        public static ScopeFailure? OfTransport(Exception exception) =>
            exception is ServiceTransportException transport ? FailureMapper.ToFailure(transport.Host, transport) : null;
    }
}
