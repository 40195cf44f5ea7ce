using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// The one paging rule for every gateway: a page is an object with a value array, links go only over https to the
    /// service's own host, and a repeated link ends the list.
    /// </summary>
    public class LinkPagingTests
    {
        [Theory]
        [InlineData("https://evil.example.test/subscriptions?$skiptoken=2", "evil.example.test")]
        [InlineData("http://arm.example.test/subscriptions?$skiptoken=2", "arm.example.test")]
        public async Task An_ARM_nextLink_off_the_host_or_off_https_is_refused_naming_both_hosts(string nextLink, string named)
        {
            var arm = new FakeArm().OnPath("/subscriptions", "{\"value\":[{\"id\":\"1\"}],\"nextLink\":\"" + nextLink + "\"}");
            ArmGateway gateway = TestSupport.Gateway(arm);

            var items = new List<JsonElement>();
            var error = await Assert.ThrowsAsync<ServiceRequestException>(async () =>
            {
                await foreach (JsonElement item in gateway.ListAsync("subscriptions?api-version=2022-12-01", null, CancellationToken.None)) items.Add(item);
            });

            Assert.Equal("UntrustedNextLink", error.ErrorCode);
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
            Assert.Contains("'arm.example.test'", error.Message, StringComparison.Ordinal);
            Assert.Single(items); // the trusted page was read; the link was not followed
            Assert.Single(arm.Requests);
        }

        [Fact]
        public async Task A_Graph_odata_nextLink_to_another_host_is_refused_naming_both_hosts()
        {
            var arm = new FakeArm().On(u => u.Host == "graph.example.test",
                _ => ODataGatewayTests.Page(new[] { "1" }, "https://graph.attacker.test/v1.0/security/incidents?$skiptoken=2"));
            var transport = new ServiceTransport(TestSupport.Options(), arm);
            var graph = new ODataGateway(transport, FakeTenantCredential.Broker(transport.Options), CloudService.MicrosoftGraph);

            var error = await Assert.ThrowsAsync<ServiceRequestException>(() => ODataGatewayTests.ListIdsAsync(graph, "v1.0/security/incidents", Guid.NewGuid()));

            Assert.Equal("UntrustedNextLink", error.ErrorCode);
            Assert.Contains("graph.attacker.test", error.Message, StringComparison.Ordinal);
            Assert.Contains("'graph.example.test'", error.Message, StringComparison.Ordinal);
            Assert.Single(arm.Requests);
        }

        [Fact]
        public async Task A_repeated_link_stops_paging_instead_of_looping()
        {
            var arm = new FakeArm()
                .On(u => !u.Query.Contains("skiptoken", StringComparison.Ordinal), _ => new FakeResponse(200,
                    "{\"value\":[{\"id\":\"1\"}],\"nextLink\":\"https://arm.example.test/subscriptions?api-version=2022-12-01&$skiptoken=2\"}"))
                .On(u => u.Query.Contains("skiptoken=2", StringComparison.Ordinal), _ => new FakeResponse(200,
                    "{\"value\":[{\"id\":\"2\"}],\"nextLink\":\"https://arm.example.test/subscriptions?api-version=2022-12-01&$skiptoken=2\"}"));
            ArmGateway gateway = TestSupport.Gateway(arm);
            var verbose = new List<string>();

            var ids = new List<string>();
            await foreach (JsonElement item in gateway.ListAsync("subscriptions?api-version=2022-12-01", verbose.Add, CancellationToken.None))
                ids.Add(item.GetProperty("id").GetString()!);

            Assert.Equal(new[] { "1", "2" }, ids);
            Assert.Equal(2, arm.Requests.Count);
            Assert.Contains(verbose, v => v.StartsWith("nextLink repeated", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_page_without_a_value_array_is_an_invalid_response_naming_the_request_not_an_empty_list()
        {
            var arm = new FakeArm().On(u => u.AbsolutePath == "/subscriptions", _ => new FakeResponse(200, "{\"value\":null}", ("x-ms-request-id", "r-1")));
            ArmGateway gateway = TestSupport.Gateway(arm);

            var error = await Assert.ThrowsAsync<InvalidResponseException>(async () =>
            {
                await foreach (JsonElement item in gateway.ListAsync("subscriptions?api-version=2022-12-01", null, CancellationToken.None)) Assert.Fail("no item was expected");
            });

            Assert.Equal(("\"value\" is null, not an array", "r-1", "GET /subscriptions"), (error.Reason, error.RequestId, error.Origin));
        }
    }
}
