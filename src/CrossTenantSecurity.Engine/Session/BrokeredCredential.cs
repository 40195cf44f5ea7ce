using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>
    /// The session's credential as Azure.Core pipelines see it: every request goes to whichever credential the
    /// broker holds now, so widening its allowed tenants never leaves a pipeline on a stale one.
    /// </summary>
    internal sealed class BrokeredCredential : TokenCredential
    {
        private readonly TokenBroker _broker;

        public BrokeredCredential(TokenBroker broker) => _broker = broker;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            _broker.CurrentCredential.GetToken(requestContext, cancellationToken);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            _broker.CurrentCredential.GetTokenAsync(requestContext, cancellationToken);
    }
}
