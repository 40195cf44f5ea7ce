using Azure.Core;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Retries what the pipeline retries except 504: Log Analytics answers 504 when the query ran out of its server-side
    /// time, and sending it again would only spend that time again.
    /// </summary>
    internal sealed class LogAnalyticsResponseClassifier : ResponseClassifier
    {
        public static readonly LogAnalyticsResponseClassifier Instance = new();

        public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status != 504 && base.IsRetriableResponse(message);
    }
}
