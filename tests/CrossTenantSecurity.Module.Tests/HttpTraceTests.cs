using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>-Debug writes one HTTP trace line per request, sign-in included, and no token or secret ever appears.</summary>
    [Collection(EmulatorCollection.Name)]
    public class HttpTraceTests
    {
        private const string NorthwindProduction = ObjectRoundTripTests.NorthwindProduction;
        private readonly ModuleFixture _emulator;

        public HttpTraceTests(ModuleFixture emulator) => _emulator = emulator;

        /// <summary>An ARM token for the automation principal, fetched as any client would, to hand to -AccessToken and search for.</summary>
        private async Task<string> ArmTokenAsync()
        {
            using var http = new HttpClient();
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = ModuleFixture.Automation.AppId,
                ["client_secret"] = ModuleFixture.Automation.Secret,
                ["scope"] = _emulator.Host.BaseUrl.AbsoluteUri.TrimEnd('/') + "/.default",
            });
            HttpResponseMessage response = await http.PostAsync(new Uri(_emulator.Host.BaseUrl, $"{ModuleFixture.Msp}/oauth2/v2.0/token"), form);
            response.EnsureSuccessStatusCode();
            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("access_token").GetString()!;
        }

        [Fact]
        public async Task Debug_traces_each_request_with_ids_and_throttling_headers_and_never_a_token_or_secret()
        {
            string token = await ArmTokenAsync();
            Assert.StartsWith("eyJ", token, StringComparison.Ordinal);

            using var ps = new PowerShellSession();
            ps.Run("$DebugPreference = 'Continue'");
            PSResult connect = ps.Connect(_emulator, ModuleFixture.Automation, "-Debug -Verbose");
            PSResult reads = ps.Run("Get-CtDelegatedSubscription -Debug -Verbose | Out-Null; Get-CtAlert -SubscriptionId $sub -Debug | Out-Null; " +
                "Get-CtSecureScore -Debug -ErrorAction SilentlyContinue | Out-Null", ("sub", NorthwindProduction));
            Assert.False(connect.Failed, connect.Describe());

            using var withToken = new PowerShellSession();
            withToken.Run("$DebugPreference = 'Continue'");
            PSResult tokenSignIn = withToken.Run(@"Add-CtEnvironment -Name Emu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url | Out-Null
                Connect-CtAccount -Environment Emu -AccessToken $token -TenantId $tenant -Debug | Out-Null
                Get-CtTenant -Debug | Out-Null",
                ("url", _emulator.Host.BaseUrl.AbsoluteUri), ("token", token), ("tenant", ModuleFixture.Msp.ToString()));
            Assert.False(tokenSignIn.Failed, tokenSignIn.Describe());

            Assert.Contains(connect.Debug, line => line.StartsWith("Sign-in POST ", StringComparison.Ordinal) && line.Contains("/oauth2/v2.0/token -> 200 in ", StringComparison.Ordinal));
            string subscriptionsLine = reads.Debug.First(line => line.StartsWith("HTTP GET ", StringComparison.Ordinal) && line.Contains("/subscriptions?api-version=", StringComparison.Ordinal));
            Assert.Contains(" -> 200 in ", subscriptionsLine, StringComparison.Ordinal);
            Assert.Contains("Authorization: [redacted]", subscriptionsLine, StringComparison.Ordinal);
            Assert.Contains("x-ms-client-request-id: ", subscriptionsLine, StringComparison.Ordinal);
            Assert.Contains("x-ms-request-id: ", subscriptionsLine, StringComparison.Ordinal);
            Assert.Contains(reads.Debug, line => line.Contains("x-ms-ratelimit-remaining-", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(reads.Debug, line => line.Contains($"/subscriptions/{NorthwindProduction}/providers/Microsoft.Security/alerts", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(tokenSignIn.Debug, line => line.StartsWith("HTTP GET ", StringComparison.Ordinal));

            string everything = connect.AllText + reads.AllText + tokenSignIn.AllText;
            Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(ModuleFixture.Automation.Secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain("eyJ", everything, StringComparison.Ordinal);
        }

        [Fact]
        public void Without_debug_no_trace_is_written()
        {
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(_emulator, ModuleFixture.Automation).Failed);
            PSResult quiet = ps.Run("Get-CtTenant | Out-Null");
            Assert.False(quiet.Failed, quiet.Describe());
            Assert.Empty(quiet.Debug);
        }
    }
}
