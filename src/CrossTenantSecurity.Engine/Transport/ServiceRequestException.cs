using System;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// A non-success answer from any service (ARM, Microsoft Graph, Defender for Endpoint, Log Analytics), with the
    /// service's error code and message, the request id support asks for, and the Retry-After it gave.
    /// </summary>
    internal sealed class ServiceRequestException : Exception
    {
        public ServiceRequestException(int status, string? errorCode, string message, string? requestId, TimeSpan? retryAfter = null, RequestScope? scope = null)
            : base(message)
        {
            Status = status;
            ErrorCode = errorCode;
            RequestId = requestId;
            RetryAfter = retryAfter;
            Scope = scope;
        }

        /// <summary>The HTTP status; 0 when the request was refused before it was sent (an untrusted next link).</summary>
        public int Status { get; }
        public string? ErrorCode { get; }
        public string? RequestId { get; }
        public TimeSpan? RetryAfter { get; }

        /// <summary>What the failed request was about.</summary>
        public RequestScope? Scope { get; }
    }
}
