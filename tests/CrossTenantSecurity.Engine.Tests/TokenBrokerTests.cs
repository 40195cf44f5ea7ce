using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Session;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// The token broker with the real Azure.Identity client-credentials flow over a fake Entra: one session, tokens
    /// per (service, tenant), and each refusing tenant one typed failure of its own.
    /// </summary>
    public class TokenBrokerTests
    {
        private static readonly Guid CustomerA = Guid.Parse("a0000000-0000-0000-0000-00000000000a");
        private static readonly Guid CustomerB = Guid.Parse("b0000000-0000-0000-0000-00000000000b");
        private static readonly Guid Unconsented = Guid.Parse("c0000000-0000-0000-0000-00000000000c");
        private const string AppId = "11111111-2222-3333-4444-555555555555";
        private static readonly Uri Authority = new("https://login.example.test/");
        private static readonly CloudEnvironment Cloud = new("Fake", TestSupport.Endpoint, Authority, "https://management.example.test/",
            new Uri("https://graph.example.test/"), EnvironmentSource.Process, graphAudience: "https://graph.microsoft.com");

        [Fact]
        public async Task One_session_gets_ARM_for_the_managing_tenant_Graph_for_two_consented_customers_and_one_typed_failure_for_the_unconsented()
        {
            var entra = new FakeEntra(consented: new[] { TestSupport.Msp, CustomerA, CustomerB });
            TokenBroker broker = Broker(entra, new FakeTimeProvider(DateTimeOffset.UtcNow));

            AccessToken arm = await broker.GetTokenAsync(CloudService.ResourceManager, null, default);
            broker.AllowTenants(new[] { CustomerA, CustomerB, Unconsented });
            AccessToken graphA = await broker.GetTokenAsync(CloudService.MicrosoftGraph, CustomerA, default);
            AccessToken graphB = await broker.GetTokenAsync(CloudService.MicrosoftGraph, CustomerB, default);
            var refused = await Assert.ThrowsAsync<TokenRequestException>(() => broker.GetTokenAsync(CloudService.MicrosoftGraph, Unconsented, default));

            Assert.Equal((TestSupport.Msp, "https://management.example.test"), Claims(arm));
            Assert.Equal((CustomerA, "https://graph.microsoft.com"), Claims(graphA));
            Assert.Equal((CustomerB, "https://graph.microsoft.com"), Claims(graphB));
            Assert.Equal(ScopeFailureKind.ConsentRequired, refused.Kind);
            Assert.Equal("AADSTS700016", refused.ErrorCode);
            Assert.Contains($"{Unconsented}/adminconsent?client_id={AppId}", refused.RecommendedAction);

            ScopeFailure failure = FailureMapper.ToFailure(Unconsented.ToString(), refused);
            Assert.Equal(ScopeFailureKind.ConsentRequired, failure.Kind);
            Assert.Equal("AADSTS700016", failure.ErrorCode);

            // Each token was asked for once, in its own tenant, for its own audience; the allowed list is exactly what was asked.
            Assert.Equal(new[]
            {
                $"{TestSupport.Msp}|https://management.example.test/.default",
                $"{CustomerA}|https://graph.microsoft.com/.default",
                $"{CustomerB}|https://graph.microsoft.com/.default",
                $"{Unconsented}|https://graph.microsoft.com/.default",
            }, entra.TokenRequests);
            Assert.Equal(new[] { CustomerA, CustomerB, Unconsented }.OrderBy(t => t), broker.AllowedTenants.OrderBy(t => t));
            Assert.DoesNotContain(broker.AllowedTenants, t => t == TestSupport.Msp);
        }

        [Fact]
        public async Task Tokens_are_reused_until_shortly_before_they_expire_on_the_manual_clock()
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var credential = new CountingCredential(clock);
            ConnectionOptions options = Options(AuthenticationMethod.ClientSecret);
            options.Time = clock;
            var broker = new TokenBroker(options, (_, _) => credential);

            await broker.GetTokenAsync(CloudService.MicrosoftGraph, CustomerA, default);
            await broker.GetTokenAsync(CloudService.MicrosoftGraph, CustomerA, default);
            Assert.Equal(1, credential.Requests);

            clock.Advance(TimeSpan.FromMinutes(56)); // the token lives an hour; five minutes before the end it is renewed
            await broker.GetTokenAsync(CloudService.MicrosoftGraph, CustomerA, default);
            Assert.Equal(2, credential.Requests);
        }

        [Fact]
        public async Task A_service_principal_reaches_a_tenant_it_is_asked_for_and_a_browser_sign_in_only_those_it_was_allowed()
        {
            var entra = new FakeEntra(consented: new[] { TestSupport.Msp, CustomerA });
            TokenBroker principal = Broker(entra, new FakeTimeProvider(DateTimeOffset.UtcNow));
            await principal.GetTokenAsync(CloudService.MicrosoftGraph, CustomerA, default);
            Assert.Equal(new[] { CustomerA }, principal.AllowedTenants);

            var browserOptions = Options(AuthenticationMethod.InteractiveBrowser);
            browserOptions.AdditionallyAllowedTenants = new List<Guid> { CustomerB };
            var browser = new TokenBroker(browserOptions, (_, _) => new CountingCredential(TimeProvider.System));
            var refused = await Assert.ThrowsAsync<TokenRequestException>(() => browser.GetTokenAsync(CloudService.MicrosoftGraph, CustomerA, default));
            Assert.Equal(ScopeFailureKind.Unauthorized, refused.Kind);
            Assert.Contains("-AdditionalTenantId " + CustomerA, refused.RecommendedAction);
        }

        [Fact]
        public async Task Access_token_sign_ins_use_the_tokens_given_for_their_own_tenant_and_cannot_reach_others()
        {
            var options = Options(AuthenticationMethod.AccessToken);
            options.AccessToken = Jwt(TestSupport.Msp, "https://management.example.test", DateTimeOffset.UtcNow.AddHours(1));
            options.MicrosoftGraphAccessToken = Jwt(TestSupport.Msp, "https://graph.microsoft.com", DateTimeOffset.UtcNow.AddHours(1));
            var broker = new TokenBroker(options);

            Assert.Equal((TestSupport.Msp, "https://graph.microsoft.com"), Claims(await broker.GetTokenAsync(CloudService.MicrosoftGraph, null, default)));
            var other = await Assert.ThrowsAsync<TokenRequestException>(() => broker.GetTokenAsync(CloudService.MicrosoftGraph, CustomerA, default));
            Assert.Contains("cannot be exchanged", other.Message);
            var none = await Assert.ThrowsAsync<CrossTenantException>(() => broker.GetTokenAsync(CloudService.LogAnalytics, null, default));
            Assert.Equal("Environment.ServiceUnavailable", none.ErrorId);
        }

        [Fact]
        public void A_service_the_cloud_lacks_is_a_clear_error_not_a_guessed_host()
        {
            Assert.Null(CloudEnvironment.AzureChinaCloud.FindEndpoint(CloudService.DefenderEndpoint));
            var e = Assert.Throws<CrossTenantException>(() => CloudEnvironment.AzureChinaCloud.GetEndpoint(CloudService.DefenderEndpoint));
            Assert.Equal("Environment.ServiceUnavailable", e.ErrorId);
            Assert.Equal("https://api.securitycenter.microsoft.com/.default", CloudEnvironment.AzureCloud.GetEndpoint(CloudService.DefenderEndpoint).Scope);
            Assert.Equal("https://api.loganalytics.io/.default", CloudEnvironment.AzureCloud.GetEndpoint(CloudService.LogAnalytics).Scope);
            Assert.Equal("https://graph.microsoft.us/.default", CloudEnvironment.AzureUSGovernment.GetEndpoint(CloudService.MicrosoftGraph).Scope);
        }

        [Fact]
        public async Task A_given_token_that_expires_during_a_run_ends_the_command_with_Context_TokenExpired()
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var credential = new StaticTokenCredential("token", clock.GetUtcNow().AddMinutes(30), clock);
            Assert.Equal("token", credential.GetToken(new TokenRequestContext(new[] { "x/.default" }), default).Token);
            clock.Advance(TimeSpan.FromMinutes(31));

            var expired = Assert.Throws<CrossTenantException>(() => credential.GetToken(new TokenRequestContext(new[] { "x/.default" }), default));
            Assert.Equal("Context.TokenExpired", expired.ErrorId);
            // Not one failure per scope: the fan-out lets it end the command.
            var sink = new RecordingSink<string>();
            var ended = await Assert.ThrowsAsync<CrossTenantException>(() => ScopeFanOut.RunAsync(new[] { "a", "b" }, 2, sink,
                (_, _) => throw StaticTokenCredential.Expired(clock.GetUtcNow()), (s, e, _) => Task.FromResult(FailureMapper.ToFailure(s, e)), default));
            Assert.Equal("Context.TokenExpired", ended.ErrorId);
            Assert.Empty(sink.Failures);
        }

        [Theory]
        [InlineData("AADSTS65001: The user or administrator has not consented", ScopeFailureKind.ConsentRequired)]
        [InlineData("AADSTS7000229: The client application is missing service principal", ScopeFailureKind.ConsentRequired)]
        [InlineData("AADSTS53003: Access has been blocked by Conditional Access policies.", ScopeFailureKind.AccessBlocked)]
        [InlineData("AADSTS7000112: Application is disabled.", ScopeFailureKind.AccessBlocked)]
        [InlineData("AADSTS7000215: Invalid client secret provided.", ScopeFailureKind.Unauthorized)]
        public void Entra_refusals_are_typed_by_their_code(string message, ScopeFailureKind kind) =>
            Assert.Equal(kind, EntraRefusal.KindOf(EntraRefusal.CodeIn(message)));

        private static ConnectionOptions Options(AuthenticationMethod method) => new()
        {
            Method = method, TenantId = TestSupport.Msp, ClientId = AppId, ClientSecret = "not-a-real-secret", Environment = Cloud, MaxRetries = 0,
        };

        private static TokenBroker Broker(FakeEntra entra, TimeProvider clock)
        {
            ConnectionOptions options = Options(AuthenticationMethod.ClientSecret);
            options.Time = clock;
            return new TokenBroker(options, (o, allowed) => new ClientSecretCredential(o.TenantId!.Value.ToString(), o.ClientId, o.ClientSecret,
                CredentialFactory.Configure(new ClientSecretCredentialOptions { Transport = entra.Transport }, o, Authority, customCloud: true, allowed)));
        }

        private static (Guid Tenant, string? Audience) Claims(AccessToken token)
        {
            string payload = token.Token.Split('.')[1].Replace('-', '+').Replace('_', '/');
            JsonNode claims = JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')))!;
            return (Guid.Parse((string)claims["tid"]!), (string?)claims["aud"]);
        }

        internal static string Jwt(Guid tenant, string audience, DateTimeOffset expires)
        {
            var payload = new JsonObject { ["tid"] = tenant.ToString(), ["aud"] = audience, ["appid"] = AppId, ["idtyp"] = "app", ["exp"] = expires.ToUnixTimeSeconds() };
            static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return $"{B64("{\"alg\":\"none\"}")}.{B64(payload.ToJsonString())}.sig";
        }

        /// <summary>Counts what reaches the credential; tokens live an hour on the given clock.</summary>
        private sealed class CountingCredential : TokenCredential
        {
            private readonly TimeProvider _clock;
            private int _requests;

            public CountingCredential(TimeProvider clock) => _clock = clock;

            public int Requests => _requests;

            public override AccessToken GetToken(TokenRequestContext requestContext, System.Threading.CancellationToken cancellationToken)
            {
                System.Threading.Interlocked.Increment(ref _requests);
                DateTimeOffset expires = _clock.GetUtcNow().AddHours(1);
                return new AccessToken(Jwt(Guid.Parse(requestContext.TenantId!), requestContext.Scopes[0].Replace("/.default", string.Empty), expires), expires);
            }

            public override System.Threading.Tasks.ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, System.Threading.CancellationToken cancellationToken) =>
                new(GetToken(requestContext, cancellationToken));
        }

        /// <summary>Entra's v2.0 token endpoint per tenant: tokens where the app is consented, AADSTS700016 elsewhere.</summary>
        private sealed class FakeEntra
        {
            public FakeEntra(IEnumerable<Guid> consented)
            {
                var granted = new HashSet<Guid>(consented);
                Transport.On(u => u.AbsolutePath.EndsWith("/openid-configuration", StringComparison.Ordinal), u =>
                {
                    string tenant = u.AbsolutePath.Trim('/').Split('/')[0];
                    return new FakeResponse(200, $"{{\"token_endpoint\":\"{Authority}{tenant}/oauth2/v2.0/token\",\"issuer\":\"{Authority}{tenant}/v2.0\",\"authorization_endpoint\":\"{Authority}{tenant}/oauth2/v2.0/authorize\"}}");
                });
                foreach (Guid tenant in new[] { TestSupport.Msp, CustomerA, CustomerB, Unconsented })
                {
                    Transport.OnPost($"/{tenant}/oauth2/v2.0/token", body =>
                    {
                        string scope = Uri.UnescapeDataString(body.Split('&').First(p => p.StartsWith("scope=", StringComparison.Ordinal)).Substring(6).Replace('+', ' '));
                        lock (TokenRequests) TokenRequests.Add($"{tenant}|{scope}");
                        if (!granted.Contains(tenant))
                            return new FakeResponse(400, "{\"error\":\"unauthorized_client\",\"error_description\":\"AADSTS700016: Application with identifier '" + AppId +
                                "' was not found in the directory '" + tenant + "'.\",\"error_codes\":[700016]}");
                        string audience = scope.Substring(0, scope.Length - "/.default".Length);
                        string token = Jwt(tenant, audience, DateTimeOffset.UtcNow.AddHours(1));
                        return new FakeResponse(200, $"{{\"token_type\":\"Bearer\",\"expires_in\":3600,\"ext_expires_in\":3600,\"access_token\":\"{token}\"}}");
                    });
                }
            }

            public FakeArm Transport { get; } = new FakeArm();
            public List<string> TokenRequests { get; } = new();
        }
    }
}
