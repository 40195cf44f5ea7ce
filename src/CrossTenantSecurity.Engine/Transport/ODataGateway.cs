using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using CrossTenantSecurity.Engine.Session;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Microsoft Graph or Defender for Endpoint: OData collections with their items under "value", paged by
    /// @odata.nextLink, every request sent in one customer tenant with that tenant's token (<see cref="TenantTokenPolicy"/>).
    /// Throttling holds are per tenant, as both services throttle per app per tenant.
    /// </summary>
    internal sealed class ODataGateway
    {
        private readonly ServiceCaller _caller;

        /// <summary>Over the session's shared transport; throws Environment.ServiceUnavailable when the cloud has no such service.</summary>
        public ODataGateway(ServiceTransport transport, TokenBroker tokens, CloudService service)
        {
            if (service is not (CloudService.MicrosoftGraph or CloudService.DefenderEndpoint))
                throw new ArgumentOutOfRangeException(nameof(service), service, "Only Microsoft Graph and Defender for Endpoint speak OData here.");
            ServiceEndpoint endpoint = transport.Environment.GetEndpoint(service);
            _caller = new ServiceCaller(transport.CreatePipeline(new TenantTokenPolicy(tokens, service)), service, endpoint.Url, transport.Time);
        }

        public CloudService Service => _caller.Service;

        /// <summary>GET one document in the tenant; throws <see cref="ServiceRequestException"/> on a non-success status.</summary>
        public Task<JsonDocument> GetAsync(string pathAndQuery, Guid tenantId, Action<string>? verbose, CancellationToken cancellationToken) =>
            ReadAsync(_caller.Resolve(pathAndQuery), RequestScope.ForTenant(Service, tenantId), verbose, cancellationToken);

        /// <summary>Every item of an OData collection in the tenant, across @odata.nextLink pages (see <see cref="LinkPaging"/>).</summary>
        public IAsyncEnumerable<JsonElement> ListAsync(string pathAndQuery, Guid tenantId, Action<string>? verbose, CancellationToken cancellationToken)
        {
            RequestScope scope = RequestScope.ForTenant(Service, tenantId);
            return LinkPaging.ListAsync(_caller, _caller.Resolve(pathAndQuery), "@odata.nextLink", (page, ct) => ReadAsync(page, scope, verbose, ct), verbose, cancellationToken);
        }

        private async Task<JsonDocument> ReadAsync(Uri uri, RequestScope scope, Action<string>? verbose, CancellationToken cancellationToken)
        {
            using HttpMessage message = _caller.CreateMessage(RequestMethod.Get, uri, scope);
            return await _caller.SendForJsonAsync(message, verbose, cancellationToken).ConfigureAwait(false);
        }
    }
}
