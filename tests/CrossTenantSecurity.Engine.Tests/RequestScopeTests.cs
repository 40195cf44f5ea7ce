using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>Every request carries its scope: named by the caller, or read once from an ARM path; one transport carries every service.</summary>
    public class RequestScopeTests
    {
        private const string Sub = "aaaaaaaa-0000-4000-8000-000000000001";

        [Theory]
        [InlineData("/subscriptions/" + Sub + "/providers/Microsoft.Security/secureScores/ascScore", "Subscription", Sub, Sub, "/providers/Microsoft.Security/secureScores/ascScore")]
        [InlineData("/subscriptions/" + Sub + "/providers/Microsoft.Security/assessments/4fb67663-9ab9-475d-b026-8c544cced439", "Subscription", Sub, Sub, "/providers/Microsoft.Security/assessments/*")]
        [InlineData("/subscriptions/" + Sub + "/resourceGroups/rg-1/providers/Microsoft.Security/alerts", "ResourceGroup", "/subscriptions/" + Sub + "/resourceGroups/rg-1", Sub, "/providers/Microsoft.Security/alerts")]
        [InlineData("/subscriptions/" + Sub, "Subscription", Sub, Sub, "")]
        [InlineData("/subscriptions", "Tenant", "/", null, "/subscriptions")]
        [InlineData("/providers/Microsoft.ResourceGraph/resources", "ResourceGraph", "/", null, "/providers/Microsoft.ResourceGraph/resources")]
        public void An_ARM_path_names_its_scope(string path, string kind, string id, string? subscription, string operation)
        {
            RequestScope scope = ArmPathScope.Derive(new Uri(TestSupport.Endpoint, path + "?api-version=1"));

            Assert.Equal(CloudService.ResourceManager, scope.Service);
            Assert.Equal(kind, scope.Kind.ToString());
            Assert.Equal(id, scope.Id);
            Assert.Equal(subscription, scope.SubscriptionId);
            Assert.Null(scope.TenantId);
            Assert.Equal(operation, scope.Operation);
        }

        [Fact]
        public async Task A_scope_the_caller_names_is_the_one_the_governor_reads()
        {
            // A Sentinel-style call whose path the fallback would read as subscription-scoped; the caller says it is a
            // workspace of subscription X, and the 429 holds X, not the path's subscription.
            string pathSubscription = "bbbbbbbb-0000-4000-8000-000000000001";
            var arm = new FakeArm().On(_ => true, _ => new FakeResponse(429, "{\"error\":{\"code\":\"x\",\"message\":\"x\"}}", ("Retry-After", "60")));
            var transport = new ServiceTransport(TestSupport.Options(maxRetries: 0), arm);
            ArmGateway gateway = TestSupport.Gateway(transport);
            var workspace = new RequestScope(CloudService.ResourceManager, RequestScopeKind.Workspace, "/subscriptions/x/workspaces/w", subscriptionId: Sub, operation: "incidents");

            var error = await Assert.ThrowsAsync<ServiceRequestException>(() =>
                gateway.GetAsync($"subscriptions/{pathSubscription}/providers/Microsoft.SecurityInsights/incidents?api-version=1", null, CancellationToken.None, workspace));

            Assert.Same(workspace, error.Scope);
            Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
            Assert.True(transport.Governor.IsHeld(ArmPathScope.Derive(new Uri(TestSupport.Endpoint, $"/subscriptions/{Sub}/x")), RequestMethod.Get));
            Assert.False(transport.Governor.IsHeld(ArmPathScope.Derive(new Uri(TestSupport.Endpoint, $"/subscriptions/{pathSubscription}/x")), RequestMethod.Get));
        }

        [Fact]
        public async Task One_transport_carries_ARM_Graph_and_Log_Analytics_and_a_429_on_one_service_holds_no_other()
        {
            var arm = new FakeArm()
                .On(u => u.Host == "arm.example.test", _ => new FakeResponse(429, "{}", ("Retry-After", "60")))
                .On(u => u.Host == "graph.example.test", _ => ODataGatewayTests.Page(new[] { "g" }, null))
                .OnPost($"/v1/workspaces/{Sub}/query", _ => new FakeResponse(200, "{\"tables\":[]}"));
            var transport = new ServiceTransport(TestSupport.Options(maxRetries: 0), arm);
            var tokens = FakeTenantCredential.Broker(transport.Options);
            ArmGateway resourceManager = TestSupport.Gateway(transport);
            var graph = new ODataGateway(transport, tokens, CloudService.MicrosoftGraph);
            var logs = new LogAnalyticsGateway(transport, tokens);

            await Assert.ThrowsAsync<ServiceRequestException>(() => resourceManager.GetAsync("tenants?api-version=1", null, CancellationToken.None));
            Assert.Equal(new[] { "g" }, await ODataGatewayTests.ListIdsAsync(graph, "v1.0/security/incidents", Guid.NewGuid()));
            Assert.Empty((await logs.QueryAsync(Guid.Parse(Sub), "x", null, null, null, CancellationToken.None)).Tables);

            Assert.Equal(new[] { "arm.example.test", "graph.example.test", "logs.example.test" }, arm.Calls.Select(c => c.Uri.Host));
            Assert.Equal(0, transport.Governor.Waits);
        }
    }
}
