using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>A bearer token the caller already has (Connect-CtAccount -AccessToken). It cannot be refreshed.</summary>
    internal sealed class StaticTokenCredential : TokenCredential
    {
        private readonly AccessToken _token;

        public StaticTokenCredential(string token, DateTimeOffset expiresOn)
        {
            _token = new AccessToken(token, expiresOn);
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new ValueTask<AccessToken>(_token);
    }
}
