using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>The Entra token endpoint: client credentials against the scenario, errors with AADSTS codes.</summary>
    public class TokenEndpointTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public TokenEndpointTests(EmulatorFixture emulator) => _emulator = emulator;

        [Fact]
        public async Task A_valid_service_principal_gets_a_JWT_shaped_bearer_token_with_its_tenant()
        {
            using var response = await _emulator.TokenResponseAsync(EmulatorFixture.Msp, EmulatorFixture.Automation.AppId, EmulatorFixture.Automation.Secret);
            JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
            Assert.True(body["expires_in"]!.GetValue<int>() > 0);
            string[] parts = body["access_token"]!.GetValue<string>().Split('.');
            Assert.Equal(3, parts.Length);
            string payload = System.Text.Encoding.UTF8.GetString(System.Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/') + new string('=', (4 - parts[1].Length % 4) % 4)));
            JsonNode claims = JsonNode.Parse(payload)!;
            Assert.Equal(EmulatorFixture.Msp, claims["tid"]!.GetValue<string>());
            Assert.Equal(EmulatorFixture.Automation.AppId, claims["appid"]!.GetValue<string>());
        }

        [Theory]
        [InlineData(EmulatorFixture.Msp, "c0000000-0000-4000-8000-0000000000c1", "wrong", 401, "invalid_client", "AADSTS7000215")]
        [InlineData("99999999-9999-4999-8999-999999999999", "c0000000-0000-4000-8000-0000000000c1", "x", 400, "invalid_request", "AADSTS90002")]
        [InlineData(EmulatorFixture.Msp, "00000000-0000-4000-8000-000000000000", "x", 400, "unauthorized_client", "AADSTS700016")]
        [InlineData(EmulatorFixture.AdventureWorks, "c0000000-0000-4000-8000-0000000000c1", "sample-only-automation-secret", 400, "unauthorized_client", "AADSTS700016")]
        [InlineData(EmulatorFixture.Northwind, "c0000000-0000-4000-8000-0000000000c2", "sample-only-reporting-secret", 400, "unauthorized_client", "AADSTS700016")]
        public async Task Bad_client_credentials_get_Entra_errors(string tenant, string appId, string secret, int status, string error, string code)
        {
            using var response = await _emulator.TokenResponseAsync(tenant, appId, secret);
            Assert.Equal(status, (int)response.StatusCode);
            JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(error, body["error"]!.GetValue<string>());
            Assert.StartsWith(code, body["error_description"]!.GetValue<string>(), System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_scope_without_default_suffix_or_for_an_unknown_resource_is_refused()
        {
            using var noDefault = await _emulator.TokenResponseAsync(EmulatorFixture.Msp, EmulatorFixture.Automation.AppId, EmulatorFixture.Automation.Secret, "user.read");
            Assert.Equal("invalid_scope", JsonNode.Parse(await noDefault.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
            using var graph = await _emulator.TokenResponseAsync(EmulatorFixture.Msp, EmulatorFixture.Automation.AppId, EmulatorFixture.Automation.Secret, "https://vault.azure.net/.default");
            Assert.Equal("invalid_resource", JsonNode.Parse(await graph.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        }

        [Fact]
        public async Task OpenID_metadata_points_at_the_emulators_token_endpoint()
        {
            var (status, body, _) = await _emulator.GetAsync($"{EmulatorFixture.Msp}/v2.0/.well-known/openid-configuration", null);
            Assert.Equal(200, status);
            Assert.Equal($"{_emulator.Host.BaseUrl}{EmulatorFixture.Msp}/oauth2/v2.0/token", body!["token_endpoint"]!.GetValue<string>());
        }
    }
}
