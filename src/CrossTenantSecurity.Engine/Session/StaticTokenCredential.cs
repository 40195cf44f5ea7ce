using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>
    /// A bearer token the caller already has (Connect-CtAccount -AccessToken). It cannot be refreshed: once it has
    /// expired, every request fails the whole command with Context.TokenExpired and the fix, instead of one 401 per scope.
    /// </summary>
    internal sealed class StaticTokenCredential : TokenCredential
    {
        private readonly AccessToken _token;
        private readonly TimeProvider _time;

        public StaticTokenCredential(string token, DateTimeOffset expiresOn, TimeProvider? time = null)
        {
            _token = new AccessToken(token, expiresOn);
            _time = time ?? TimeProvider.System;
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            if (_token.ExpiresOn <= _time.GetUtcNow()) throw Expired(_token.ExpiresOn);
            return _token;
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new ValueTask<AccessToken>(GetToken(requestContext, cancellationToken));

        public static CrossTenantException Expired(DateTimeOffset expiredAt) =>
            new CrossTenantException("Context.TokenExpired", CrossTenantErrorKind.Authentication,
                $"The access token given to Connect-CtAccount expired at {expiredAt:u}; a given token cannot be refreshed.",
                "Connect-CtAccount again with a fresh -AccessToken, or sign in with a method that refreshes its tokens (a service principal, a managed identity).");
    }
}
