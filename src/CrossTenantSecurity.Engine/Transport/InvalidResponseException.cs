using System;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// A success answer whose body does not fit what the API defines: not JSON, empty, cut short, or JSON of the wrong
    /// shape. It is never turned into default values or an empty list; the scope it belongs to fails as InvalidResponse.
    /// </summary>
    internal sealed class InvalidResponseException : Exception
    {
        public InvalidResponseException(string reason, string? requestId, string origin, Exception? inner = null)
            : base($"The answer to {origin} does not fit the API: {reason} (x-ms-request-id: {requestId ?? "none"}).", inner)
        {
            Reason = reason;
            RequestId = requestId;
            Origin = origin;
        }

        /// <summary>What was wrong, e.g. "properties.score.current is a string, not a number".</summary>
        public string Reason { get; }

        /// <summary>The id support asks for; null when the service sent none.</summary>
        public string? RequestId { get; }

        /// <summary>Which answer: a request (GET /subscriptions/…/secureScores/ascScore) or a Resource Graph query.</summary>
        public string Origin { get; }
    }
}
