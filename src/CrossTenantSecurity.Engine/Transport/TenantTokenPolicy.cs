using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using CrossTenantSecurity.Engine.Session;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Authenticates every try with the broker's token for (service, the request's tenant): Microsoft Graph and Defender
    /// for Endpoint need a token issued in each customer tenant, Log Analytics the managing tenant's (a scope without a
    /// tenant). The tenant comes from the request's <see cref="RequestScope"/>. A refused tenant surfaces as the broker's
    /// <see cref="TokenRequestException"/>, a failure of that scope alone. The token goes into the header and nowhere else.
    /// </summary>
    internal sealed class TenantTokenPolicy : HttpPipelinePolicy
    {
        private readonly TokenBroker _tokens;
        private readonly CloudService _service;

        public TenantTokenPolicy(TokenBroker tokens, CloudService service)
        {
            _tokens = tokens;
            _service = service;
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            AuthorizeAsync(message).GetAwaiter().GetResult();
            ProcessNext(message, pipeline);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await AuthorizeAsync(message).ConfigureAwait(false);
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }

        private async Task AuthorizeAsync(HttpMessage message)
        {
            AccessToken token = await _tokens.GetTokenAsync(_service, RequestScope.Of(message)?.TenantId, message.CancellationToken).ConfigureAwait(false);
            message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token.Token);
        }
    }
}
