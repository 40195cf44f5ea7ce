using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using CrossTenantSecurity.Engine.Session;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Ingestion
{
    /// <summary>
    /// The Azure Monitor Logs Ingestion API: one POST per JSON-array batch to the data collection endpoint, under the
    /// managing tenant's token for the environment's ingestion audience. Retries (429 with Retry-After, 5xx) are the
    /// session pipeline's; a batch still refused ends the upload with the batch and the service's error code.
    /// </summary>
    internal sealed class LogsIngestionGateway
    {
        public const string ApiVersion = "2023-01-01";

        private readonly ServiceCaller _caller;

        public LogsIngestionGateway(ServiceTransport transport, TokenBroker tokens)
        {
            ServiceEndpoint endpoint = transport.Environment.GetEndpoint(CloudService.MonitorIngestion);
            _caller = new ServiceCaller(transport.CreatePipeline(new TenantTokenPolicy(tokens, CloudService.MonitorIngestion)), CloudService.MonitorIngestion,
                endpoint.Url, transport.Time);
        }

        /// <summary>Sends every batch in order; batch n of m is named in the error when the service refuses it.</summary>
        public async Task UploadAsync(LogsIngestionTarget target, IReadOnlyList<byte[]> batches, Action<string>? verbose, CancellationToken cancellationToken)
        {
            var scope = new RequestScope(CloudService.MonitorIngestion, RequestScopeKind.DataCollectionRule, target.RuleId, operation: "upload");
            for (int i = 0; i < batches.Count; i++)
            {
                using HttpMessage message = _caller.CreateMessage(RequestMethod.Post, target.UploadUri(ApiVersion), scope);
                message.Request.Headers.Add("Content-Type", "application/json");
                message.Request.Content = RequestContent.Create(batches[i]);
                try
                {
                    await _caller.SendCheckedAsync(message, verbose, null, cancellationToken).ConfigureAwait(false);
                }
                catch (ServiceRequestException e)
                {
                    throw BatchRefused.Create(i + 1, batches.Count, batches[i].Length, target, e);
                }
            }
        }
    }
}
