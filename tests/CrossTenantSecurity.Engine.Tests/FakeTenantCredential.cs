using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// A credential that issues an unsigned JWT in whatever tenant it is asked for (tid = that tenant, aud = the scope's
    /// resource), and refuses the tenants that have not consented the app, as Entra does (AADSTS700016).
    /// </summary>
    internal sealed class FakeTenantCredential : TokenCredential
    {
        private readonly TimeProvider _time;
        private readonly HashSet<Guid> _unconsented;

        public FakeTenantCredential(TimeProvider time, params Guid[] unconsented)
        {
            _time = time;
            _unconsented = new HashSet<Guid>(unconsented);
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Guid tenant = Guid.Parse(requestContext.TenantId!);
            if (_unconsented.Contains(tenant))
                throw new AuthenticationFailedException($"AADSTS700016: Application was not found in the directory '{tenant}'.");
            string audience = requestContext.Scopes[0].Replace("/.default", string.Empty, StringComparison.Ordinal);
            DateTimeOffset expires = _time.GetUtcNow().AddHours(1);
            return new AccessToken(TokenBrokerTests.Jwt(tenant, audience, expires), expires);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));

        /// <summary>A service-principal session's broker over this credential, in the fake cloud.</summary>
        public static Session.TokenBroker Broker(ConnectionOptions options, params Guid[] unconsented)
        {
            options.Method = AuthenticationMethod.ClientSecret;
            options.TenantId = TestSupport.Msp;
            options.ClientId = "11111111-2222-3333-4444-555555555555";
            var credential = new FakeTenantCredential(options.Time ?? TimeProvider.System, unconsented);
            return new Session.TokenBroker(options, (_, _) => credential);
        }
    }
}
