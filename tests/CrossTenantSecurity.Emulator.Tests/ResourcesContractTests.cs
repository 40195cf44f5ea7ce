using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>Subscriptions and Tenants answer with the official shapes, paging and api-version rules.</summary>
    public class ResourcesContractTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public ResourcesContractTests(EmulatorFixture emulator) => _emulator = emulator;

        [Fact]
        public async Task Subscription_items_have_the_shape_of_the_official_example()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.Automation);
            JsonNode example = EmulatorFixture.Example("Microsoft.Resources/Subscriptions_List.json")["value"]![0]!;
            var items = await _emulator.ListAllAsync("subscriptions?api-version=2022-12-01", token);
            Assert.NotEmpty(items);
            Assert.All(items, item => Shape.AssertMatches(example, item));
        }

        [Fact]
        public async Task Tenant_items_have_the_shape_of_the_official_example()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.Automation);
            JsonNode example = EmulatorFixture.Example("Microsoft.Resources/Tenants_List.json")["value"]![0]!;
            var items = await _emulator.ListAllAsync("tenants?api-version=2022-12-01", token);
            Assert.All(items, item => Shape.AssertMatches(example, item));
        }

        [Fact]
        public async Task Lists_page_with_absolute_nextLinks_that_keep_the_api_version()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.Automation);
            var (status, body, _) = await _emulator.GetAsync("subscriptions?api-version=2022-12-01", token);
            Assert.Equal(200, status);
            Assert.Equal(_emulator.Host.Scenario.PageSize, body!["value"]!.AsArray().Count);
            var next = new Uri(body["nextLink"]!.GetValue<string>());
            Assert.True(next.IsAbsoluteUri);
            Assert.Equal(_emulator.Host.BaseUrl.Authority, next.Authority);
            Assert.Contains("api-version=2022-12-01", next.Query);
            Assert.Contains("skiptoken", next.Query);

            var all = await _emulator.ListAllAsync("subscriptions?api-version=2022-12-01", token);
            Assert.Equal(10, all.Count);
            Assert.Equal(10, all.Select(s => s["subscriptionId"]!.GetValue<string>()).Distinct().Count());
        }

        [Fact]
        public async Task A_forged_skip_token_is_rejected()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.Automation);
            var (status, body, _) = await _emulator.GetAsync("subscriptions?api-version=2022-12-01&$skiptoken=forged", token);
            Assert.Equal(400, status);
            Assert.Equal("InvalidSkipToken", body!["error"]!["code"]!.GetValue<string>());
        }

        [Theory]
        [InlineData("subscriptions", "MissingApiVersionParameter")]
        [InlineData("subscriptions?api-version=2099-01-01", "InvalidApiVersionParameter")]
        [InlineData("tenants?api-version=bogus", "InvalidApiVersionParameter")]
        public async Task Api_version_is_required_and_checked(string path, string code)
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.Automation);
            var (status, body, _) = await _emulator.GetAsync(path, token);
            Assert.Equal(400, status);
            Assert.Equal(code, body!["error"]!["code"]!.GetValue<string>());
        }

        [Fact]
        public async Task Old_api_versions_omit_home_tenant_and_managedByTenants_as_Azure_does()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.Automation);
            var items = await _emulator.ListAllAsync("subscriptions?api-version=2016-06-01", token);
            Assert.All(items, item =>
            {
                Assert.False(item.AsObject().ContainsKey("tenantId"));
                Assert.False(item.AsObject().ContainsKey("managedByTenants"));
            });
        }

        [Fact]
        public async Task Get_subscription_returns_a_visible_one_and_404_for_any_other()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.Reporting);
            var (ok, body, _) = await _emulator.GetAsync("subscriptions/2b222222-0000-4000-8000-000000000001?api-version=2022-12-01", token);
            Assert.Equal(200, ok);
            Assert.Equal(EmulatorFixture.Northwind, body!["tenantId"]!.GetValue<string>());

            var (hidden, error, _) = await _emulator.GetAsync("subscriptions/3c333333-0000-4000-8000-000000000001?api-version=2022-12-01", token);
            Assert.Equal(404, hidden);
            Assert.Equal("SubscriptionNotFound", error!["error"]!["code"]!.GetValue<string>());
        }

        [Fact]
        public async Task Every_response_carries_Azure_diagnostic_headers_and_echoes_the_correlation_id()
        {
            string token = await _emulator.TokenAsync(EmulatorFixture.Automation);
            using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, "tenants?api-version=2022-12-01");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("x-ms-correlation-request-id", "corr-123");
            using var response = await _emulator.Http.SendAsync(request);
            Assert.Equal("corr-123", response.Headers.GetValues("x-ms-correlation-request-id").Single());
            Assert.True(Guid.TryParse(response.Headers.GetValues("x-ms-request-id").Single(), out _));
            Assert.StartsWith("LOCAL:", response.Headers.GetValues("x-ms-routing-request-id").Single(), StringComparison.Ordinal);
        }
    }
}
