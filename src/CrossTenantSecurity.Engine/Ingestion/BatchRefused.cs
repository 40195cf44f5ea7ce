using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Ingestion
{
    /// <summary>The error of a batch the Logs Ingestion API would not take, after the pipeline's retries.</summary>
    internal static class BatchRefused
    {
        public static CrossTenantException Create(int batch, int batches, int bytes, LogsIngestionTarget target, ServiceRequestException e)
        {
            string code = e.ErrorCode ?? "HTTP " + e.Status;
            string message = $"Batch {batch} of {batches} ({bytes} bytes) to {target.StreamName} of {target.RuleId} was refused with {e.Status} {code}: {e.Message}" +
                (batch > 1 ? $" Batches 1 to {batch - 1} were stored." : string.Empty);
            string action = e.Status switch
            {
                401 or 403 => "Grant the signed-in principal 'Monitoring Metrics Publisher' on the data collection rule (it can take 30 minutes to apply).",
                404 => "Check the rule's immutable id and that the stream is declared in it, and that the endpoint is the rule's data collection endpoint.",
                413 => "The batch is over the API's 1 MB limit.",
                _ => "Check the rule's stream declaration against docs/log-analytics/CtPostureHistory_CL.md.",
            };
            CrossTenantErrorKind kind = e.Status is 401 or 403 ? CrossTenantErrorKind.Authentication : e.Status == 404 ? CrossTenantErrorKind.NotFound : CrossTenantErrorKind.Unknown;
            return new CrossTenantException("Ingestion.BatchRefused", kind, message, action, e);
        }
    }
}
