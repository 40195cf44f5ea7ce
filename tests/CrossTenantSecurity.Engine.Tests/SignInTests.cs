using System;
using System.Threading.Tasks;
using Azure.Identity;
using CrossTenantSecurity.Engine.Session;

namespace CrossTenantSecurity.Engine.Tests
{
    public class SignInTests
    {
        private static readonly Guid Tenant = Guid.Parse("11111111-1111-4111-8111-111111111111");

        private static ConnectionOptions Options(AuthenticationMethod method) => new()
        {
            Method = method,
            TenantId = Tenant,
            ClientId = "c0000000-0000-4000-8000-0000000000c1",
            ClientSecret = "s3cret",
            FederatedToken = "header.payload.sig",
            AccessToken = TestSupport.Jwt(Tenant),
            CertificateThumbprint = "ABCDEF",
        };

        [Theory]
        [InlineData(AuthenticationMethod.ClientSecret, typeof(ClientSecretCredential))]
        [InlineData(AuthenticationMethod.FederatedToken, typeof(ClientAssertionCredential))]
        [InlineData(AuthenticationMethod.ManagedIdentity, typeof(ManagedIdentityCredential))]
        [InlineData(AuthenticationMethod.AzureCli, typeof(AzureCliCredential))]
        [InlineData(AuthenticationMethod.DeviceCode, typeof(DeviceCodeCredential))]
        [InlineData(AuthenticationMethod.InteractiveBrowser, typeof(InteractiveBrowserCredential))]
        [InlineData(AuthenticationMethod.AccessToken, typeof(StaticTokenCredential))]
        public void Each_sign_in_method_builds_its_Azure_Identity_credential(AuthenticationMethod method, Type expected)
        {
            Assert.IsType(expected, CredentialFactory.Create(Options(method)));
        }

        [Fact]
        public void Custom_clouds_use_their_own_authority_without_instance_discovery()
        {
            var authority = new Uri("https://login.contoso-stack.example/");
            ConnectionOptions options = Options(AuthenticationMethod.DeviceCode);
            options.MaxRetries = 5;
            options.NetworkTimeout = TimeSpan.FromSeconds(7);

            DeviceCodeCredentialOptions custom = CredentialFactory.Configure(new DeviceCodeCredentialOptions(), options, authority, customCloud: true);
            Assert.Equal(authority, custom.AuthorityHost);
            Assert.True(custom.DisableInstanceDiscovery);
            Assert.Equal(5, custom.Retry.MaxRetries);
            Assert.Equal(TimeSpan.FromSeconds(7), custom.Retry.NetworkTimeout);

            ClientSecretCredentialOptions builtIn = CredentialFactory.Configure(new ClientSecretCredentialOptions(), options, AzureAuthorityHosts.AzureGovernment, customCloud: false);
            Assert.Equal(AzureAuthorityHosts.AzureGovernment, builtIn.AuthorityHost);
            Assert.False(builtIn.DisableInstanceDiscovery);
        }

        [Fact]
        public void A_missing_secret_is_a_specific_error()
        {
            ConnectionOptions options = Options(AuthenticationMethod.ClientSecret);
            options.ClientSecret = null;
            var e = Assert.Throws<CrossTenantException>(() => CredentialFactory.Create(options));
            Assert.Equal("Credential.MissingArgument", e.ErrorId);
        }

        [Fact]
        public void A_certificate_file_that_does_not_exist_is_a_specific_error()
        {
            ConnectionOptions options = Options(AuthenticationMethod.ClientCertificate);
            options.CertificatePath = "/nonexistent/cert.pfx";
            Assert.Equal("Credential.CertificateNotFound", Assert.Throws<CrossTenantException>(() => CredentialFactory.Create(options)).ErrorId);
        }

        [Fact]
        public async Task An_access_token_describes_the_sign_in_from_its_claims()
        {
            ConnectionOptions options = Options(AuthenticationMethod.AccessToken);
            options.TenantId = null;
            Context context = await SignIn.SignInAsync(new TokenBroker(options), options, default);
            Assert.Equal(Tenant, context.TenantId);
            Assert.Equal("ServicePrincipal", context.AccountType);
            Assert.Equal("11111111-2222-3333-4444-555555555555", context.Account);
        }

        [Fact]
        public async Task A_token_from_another_tenant_is_refused()
        {
            ConnectionOptions options = Options(AuthenticationMethod.AccessToken);
            options.AccessToken = TestSupport.Jwt(Guid.NewGuid());
            var e = await Assert.ThrowsAsync<CrossTenantException>(() => SignIn.SignInAsync(new TokenBroker(options), options, default));
            Assert.Equal("Credential.TenantMismatch", e.ErrorId);
            Assert.DoesNotContain(options.AccessToken, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Token_claims_are_read_and_opaque_tokens_are_tolerated()
        {
            DateTimeOffset expires = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds());
            TokenClaims claims = TokenClaims.TryRead(TestSupport.Jwt(Tenant, expires: expires))!;
            Assert.Equal(Tenant, claims.TenantId);
            Assert.Equal(expires, claims.ExpiresOn);
            Assert.True(claims.IsApplication);
            Assert.Null(TokenClaims.TryRead("opaque-token"));
            Assert.Null(TokenClaims.TryRead("a.!!!.c"));
        }
    }
}
