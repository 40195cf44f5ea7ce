using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>
    /// The real Azure.Identity client against the emulator's Entra: one credential of the MSSP's multi-tenant app,
    /// a Graph token per customer tenant. TLS is validated against the emulator's authority (EmulatorFixture trusts it).
    /// </summary>
    public class AzureIdentityConsentTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public AzureIdentityConsentTests(EmulatorFixture emulator) => _emulator = emulator;

        [Fact]
        public async Task One_ClientSecretCredential_gets_a_Graph_token_per_consented_customer_and_Entras_refusal_elsewhere()
        {
            var credential = new ClientSecretCredential(EmulatorFixture.Msp, EmulatorFixture.Automation.AppId, EmulatorFixture.Automation.Secret,
                new ClientSecretCredentialOptions
                {
                    AuthorityHost = _emulator.Host.BaseUrl,
                    DisableInstanceDiscovery = true,
                    AdditionallyAllowedTenants = { EmulatorFixture.Northwind, EmulatorFixture.Fabrikam, EmulatorFixture.AdventureWorks },
                });
            static TokenRequestContext GraphIn(string tenant) => new(new[] { "https://graph.microsoft.com/.default" }, tenantId: tenant);

            foreach (string customer in new[] { EmulatorFixture.Northwind, EmulatorFixture.Fabrikam })
            {
                AccessToken token = await credential.GetTokenAsync(GraphIn(customer), default);
                Assert.Equal(customer, Jwt.Claims(token.Token)["tid"]!.GetValue<string>());
                Assert.Equal("https://graph.microsoft.com", Jwt.Claims(token.Token)["aud"]!.GetValue<string>());
            }

            var refused = await Assert.ThrowsAsync<AuthenticationFailedException>(async () => await credential.GetTokenAsync(GraphIn(EmulatorFixture.AdventureWorks), default));
            // Azure.Identity's own message is only a prefix ("ClientSecretCredential authentication failed: "); Entra's text is on the inner MSAL exception.
            Assert.StartsWith("ClientSecretCredential authentication failed", refused.Message, StringComparison.Ordinal);
            Assert.Contains("AADSTS700016", refused.InnerException?.Message, StringComparison.Ordinal);
        }
    }
}
