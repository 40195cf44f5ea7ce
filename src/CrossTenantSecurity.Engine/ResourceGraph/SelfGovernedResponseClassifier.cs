using Azure.Core;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>
    /// Keeps the pipeline's retries of 408/5xx but not of 429: a Resource Graph 429 often has no Retry-After,
    /// and the pipeline's blind backoff would bypass the quota governor that every worker waits on.
    /// </summary>
    internal sealed class SelfGovernedResponseClassifier : ResponseClassifier
    {
        public static readonly SelfGovernedResponseClassifier Instance = new();

        public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status != 429 && base.IsRetriableResponse(message);
    }
}
