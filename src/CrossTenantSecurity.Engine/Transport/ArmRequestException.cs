using System;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>A non-success ARM response, with the service's error code and message.</summary>
    internal sealed class ArmRequestException : Exception
    {
        public ArmRequestException(int status, string? errorCode, string message, string? requestId, string? retryAfter = null)
            : base(message)
        {
            Status = status;
            ErrorCode = errorCode;
            RequestId = requestId;
            RetryAfter = retryAfter;
        }

        public int Status { get; }
        public string? ErrorCode { get; }
        public string? RequestId { get; }
        public string? RetryAfter { get; }
    }
}
