using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>A token sees only its own tenant's subscriptions and those delegated to it, and nothing without a valid token.</summary>
    public class AuthBoundaryTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public AuthBoundaryTests(EmulatorFixture emulator) => _emulator = emulator;

        private async Task<string[]> VisibleSubscriptionsAsync((string, string, string) principal)
        {
            string token = await _emulator.TokenAsync(principal);
            return (await _emulator.ListAllAsync("subscriptions?api-version=2022-12-01", token))
                .Select(s => s["displayName"]!.GetValue<string>()).OrderBy(n => n).ToArray();
        }

        [Fact]
        public async Task The_MSSP_automation_sees_its_own_two_and_all_eight_delegated_subscriptions()
        {
            string[] names = await VisibleSubscriptionsAsync(EmulatorFixture.Automation);
            Assert.Equal(10, names.Length);
            Assert.DoesNotContain("Tailspin Sandbox (not delegated)", names);
        }

        [Fact]
        public async Task A_principal_authorized_for_one_customer_sees_only_that_customer()
        {
            string[] names = await VisibleSubscriptionsAsync(EmulatorFixture.Reporting);
            Assert.Equal(new[] { "Northwind Development", "Northwind Legacy", "Northwind Production" }, names);
            string token = await _emulator.TokenAsync(EmulatorFixture.Reporting);
            var tenants = await _emulator.ListAllAsync("tenants?api-version=2022-12-01", token);
            Assert.Equal(new[] { EmulatorFixture.Msp, EmulatorFixture.Northwind }, tenants.Select(t => t["tenantId"]!.GetValue<string>()));
        }

        [Fact]
        public async Task A_second_provider_sees_only_its_delegation_with_both_managers_listed()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.LitwareOperator);
            JsonNode sub = Assert.Single(await _emulator.ListAllAsync("subscriptions?api-version=2022-12-01", token));
            Assert.Equal("Tailspin Shared Services", sub["displayName"]!.GetValue<string>());
            Assert.Equal(new[] { EmulatorFixture.Msp, EmulatorFixture.Litware },
                sub["managedByTenants"]!.AsArray().Select(t => t!["tenantId"]!.GetValue<string>()).OrderBy(t => t));
        }

        [Fact]
        public async Task A_customer_sees_its_own_subscriptions_and_its_providers_as_ManagedBy()
        {
            string[] names = await VisibleSubscriptionsAsync(EmulatorFixture.TailspinAdmin);
            Assert.Equal(4, names.Length);
            string token = await _emulator.TokenAsync(EmulatorFixture.TailspinAdmin);
            var tenants = await _emulator.ListAllAsync("tenants?api-version=2022-12-01", token);
            Assert.Equal(new[] { "Home", "ManagedBy", "ManagedBy" }, tenants.Select(t => t["tenantCategory"]!.GetValue<string>()));
        }

        [Fact]
        public async Task Resource_group_delegations_make_the_subscription_visible_and_managed()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.Automation);
            var subs = await _emulator.ListAllAsync("subscriptions?api-version=2022-12-01", token);
            JsonNode payments = subs.Single(s => s["displayName"]!.GetValue<string>() == "Woodgrove Payments");
            Assert.Equal(EmulatorFixture.Woodgrove, payments["tenantId"]!.GetValue<string>());
            Assert.Equal(EmulatorFixture.Msp, payments["managedByTenants"]![0]!["tenantId"]!.GetValue<string>());
        }

        [Theory]
        [InlineData(null, "AuthenticationFailed")]
        [InlineData("Basic abc", "AuthenticationFailed")]
        [InlineData("Bearer not-a-jwt", "InvalidAuthenticationToken")]
        [InlineData("Bearer a.b.c", "InvalidAuthenticationToken")]
        public async Task Requests_without_a_valid_token_get_ARMs_401(string? authorization, string code)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "subscriptions?api-version=2022-12-01");
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
            Assert.Equal(401, (int)response.StatusCode);
            Assert.Equal(code, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Expired_and_wrong_audience_tokens_are_refused()
        {
            var principal = _emulator.Host.Scenario.Principals.First(p => p.Secret is not null);
            string expired = _emulator.Host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId, lifetime: TimeSpan.FromSeconds(-1));
            var (status, body, _) = await _emulator.GetAsync("subscriptions?api-version=2022-12-01", expired);
            Assert.Equal(401, status);
            Assert.Equal("ExpiredAuthenticationToken", body!["error"]!["code"]!.GetValue<string>());

            string graph = _emulator.Host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId, audience: "https://graph.microsoft.com/");
            (status, body, _) = await _emulator.GetAsync("subscriptions?api-version=2022-12-01", graph);
            Assert.Equal(401, status);
            Assert.Equal("InvalidAuthenticationTokenAudience", body!["error"]!["code"]!.GetValue<string>());
        }

        [Fact]
        public async Task A_token_signed_by_another_emulator_is_refused()
        {
            await using var other = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = Certificates.PlatformTrust.ProcessAuthority });
            var principal = _emulator.Host.Scenario.Principals.First(p => p.Secret is not null);
            string foreign = other.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId, audience: _emulator.Host.BaseUrl.AbsoluteUri);
            var (status, body, _) = await _emulator.GetAsync("subscriptions?api-version=2022-12-01", foreign);
            Assert.Equal(401, status);
            Assert.Contains("signature", body!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
