using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Azure;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// The one reading of a request that got no answer to use: which <see cref="ScopeFailureKind"/> it is, said for the
    /// user with a fix. Azure.Core's transport throws a RequestFailedException (status 0) around HttpClient's
    /// HttpRequestException, which holds a SocketException for a refused connection or an unknown name, an
    /// AuthenticationException for an untrusted certificate, or an HttpIOException for a connection reset before the
    /// headers; a body cut short surfaces as a bare HttpIOException; a try past the per-try timeout as a
    /// <see cref="TryTimeoutException"/> (and HttpClient's own timeout as a cancellation around a TimeoutException).
    /// </summary>
    internal sealed record TransportFailure(ScopeFailureKind Kind, string Message, string RecommendedAction)
    {
        public const string TlsTrustAction =
            "Trust the issuing CA through the platform store (SSL_CERT_FILE or SSL_CERT_DIR on Linux and macOS); certificate validation is never turned off.";

        public const string TransientAction = "Retry the command; the service or network failed past every retry.";

        /// <summary>
        /// The kind of <paramref name="failure"/>, or null when it is not about the connection (a cancellation by the
        /// caller, a refused token, a bug). An untrusted certificate wins over everything around it, then a service out of
        /// reach, a timeout, and last a connection that broke off.
        /// </summary>
        public static ScopeFailureKind? KindOf(Exception failure) => Read(failure).Kind;

        /// <summary>What <paramref name="failure"/> means for a request to <paramref name="host"/> after <paramref name="tries"/> tries; null when not a transport failure.</summary>
        public static TransportFailure? Of(Exception failure, string? host, int tries)
        {
            (ScopeFailureKind? kind, Exception telling) = Read(failure);
            string service = string.IsNullOrEmpty(host) ? "The service" : host;
            string after = tries > 1 ? $" ({tries} tries)" : string.Empty;
            switch (kind)
            {
                case ScopeFailureKind.TlsTrust:
                    return new TransportFailure(kind.Value, $"The certificate of {service} is not trusted: {telling.Message}", TlsTrustAction);
                case ScopeFailureKind.ConnectionFailed:
                    return new TransportFailure(kind.Value, $"{service} could not be reached{after}: {telling.Message}",
                        $"Check the network, proxy and firewall for {service}, and the environment's URLs (Get-CtEnvironment).");
                case ScopeFailureKind.Timeout:
                    string within = telling is TryTimeoutException tryTimeout ? $" within {TryTimeoutException.Seconds(tryTimeout.Timeout)} s" : " in time";
                    return new TransportFailure(kind.Value, $"{service} did not answer{within}{(tries > 1 ? $" on any of {tries} tries" : string.Empty)}.",
                        $"The service did not answer{within} per try; raise -NetworkTimeout (Connect-CtAccount) or retry the command.");
                case ScopeFailureKind.Transient:
                    return new TransportFailure(kind.Value, $"The connection to {service} broke off before a complete answer{after}: {telling.Message}", TransientAction);
                default:
                    return null;
            }
        }

        /// <summary>The kind, and the exception whose message says it best.</summary>
        private static (ScopeFailureKind? Kind, Exception Telling) Read(Exception failure)
        {
            Exception? tls = null, unreachable = null, timeout = null, broken = null;
            for (Exception? e = failure; e is not null; e = e.InnerException)
            {
                switch (e)
                {
                    case AuthenticationException:
                        tls ??= e;
                        break;
                    case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }:
                    case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData
                        or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.AddressNotAvailable }:
                        unreachable ??= e;
                        break;
                    case TimeoutException:
                        timeout ??= e;
                        break;
                    case IOException or HttpRequestException or RequestFailedException { Status: 0 }:
                        broken = e; // the innermost says it best ("The response ended prematurely")
                        break;
                }
            }
            if (tls is not null) return (ScopeFailureKind.TlsTrust, tls);
            if (unreachable is not null) return (ScopeFailureKind.ConnectionFailed, unreachable);
            if (timeout is not null) return (ScopeFailureKind.Timeout, timeout);
            if (broken is not null) return (ScopeFailureKind.Transient, broken);
            return (null, failure);
        }
    }
}
