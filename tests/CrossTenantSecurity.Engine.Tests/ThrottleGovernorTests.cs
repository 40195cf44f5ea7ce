using System;
using System.Linq;
using System.Threading.Tasks;
using Azure.Core;
using CrossTenantSecurity.Engine.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The throttle governor on the manual clock: a 429's Retry-After holds its bucket, and only its bucket.</summary>
    public class ThrottleGovernorTests
    {
        private const string Throttled = "/subscriptions/aaaaaaaa-0000-4000-8000-000000000001";
        private const string Other = "/subscriptions/bbbbbbbb-0000-4000-8000-000000000001";
        private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

        [Fact]
        public async Task After_a_429_no_request_to_that_subscription_leaves_before_Retry_After_while_others_proceed()
        {
            FakeTimeProvider clock = ManualClock.Create();
            int first = 0;
            var arm = new FakeArm(clock)
                .On(u => u.AbsolutePath == Throttled + "/providers/a", _ => System.Threading.Interlocked.Increment(ref first) == 1
                    ? new FakeResponse(429, "{\"error\":{\"code\":\"SubscriptionRequestsThrottled\",\"message\":\"x\"}}", ("x-ms-retry-after-ms", "1500"), ("Retry-After", "2"))
                    : new FakeResponse(200, "{}"))
                .On(u => u.AbsolutePath.EndsWith("/providers/b", StringComparison.Ordinal), _ => new FakeResponse(200, "{}"));
            var transport = new ServiceTransport(TestSupport.Options(maxRetries: 3, time: clock), arm);
            ArmGateway gateway = TestSupport.Gateway(transport);

            Task a = gateway.GetAsync(Throttled + "/providers/a?api-version=1", null, default);
            await ManualClock.WaitUntilAsync(() => transport.Governor.IsHeld(Scope(Throttled + "/providers/b"), RequestMethod.Get));
            DateTimeOffset throttledAt = clock.GetUtcNow();
            Task sameBucket = gateway.GetAsync(Throttled + "/providers/b?api-version=1", null, default);
            Task otherBucket = gateway.GetAsync(Other + "/providers/b?api-version=1", null, default);
            await ManualClock.WaitUntilAsync(() => otherBucket.IsCompleted);
            await clock.AdvanceUntilDoneAsync(Task.WhenAll(a, sameBucket, otherBucket), Step);

            Assert.Equal(throttledAt, arm.Sent.Single(s => s.Uri.AbsolutePath == Other + "/providers/b").At); // never held
            Assert.True(arm.Sent.Single(s => s.Uri.AbsolutePath == Throttled + "/providers/b").At - throttledAt >= TimeSpan.FromMilliseconds(1500));
            Assert.True(arm.Sent.Last(s => s.Uri.AbsolutePath == Throttled + "/providers/a").At - throttledAt >= TimeSpan.FromMilliseconds(1500));
            Assert.Equal(2, arm.Requests.Count(u => u.AbsolutePath == Throttled + "/providers/a"));
            Assert.Equal(1, transport.Governor.Waits);
        }

        [Theory]
        [InlineData("GET", "/subscriptions/x/providers/Microsoft.Security/alerts", "ResourceManager x/read")]
        [InlineData("POST", "/subscriptions/x/providers/Microsoft.Security/locations/w/alerts/a/dismiss", "ResourceManager x/write")]
        [InlineData("GET", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Security/assessments", "ResourceManager x/read")]
        [InlineData("DELETE", "/subscriptions/x/resourceGroups/rg", "ResourceManager x/delete")]
        [InlineData("GET", "/subscriptions", "ResourceManager managing tenant/read")]
        [InlineData("GET", "/tenants", "ResourceManager managing tenant/read")]
        [InlineData("POST", "/providers/Microsoft.ResourceGraph/resources", "ResourceManager resource graph")]
        public void ARM_requests_map_to_ARM_throttling_buckets_through_the_scope_their_path_names(string method, string path, string bucket) =>
            Assert.Equal(bucket, ThrottleBucket.Of(Scope(path), RequestMethod.Parse(method)).ToString());

        [Fact]
        public void Graph_and_Defender_for_Endpoint_buckets_are_per_tenant_and_Log_Analytics_is_one_per_user()
        {
            Guid a = Guid.NewGuid(), b = Guid.NewGuid();
            ThrottleBucket graphA = ThrottleBucket.Of(RequestScope.ForTenant(CloudService.MicrosoftGraph, a), RequestMethod.Get);

            Assert.Equal(graphA, ThrottleBucket.Of(RequestScope.ForTenant(CloudService.MicrosoftGraph, a, "hunting"), RequestMethod.Post));
            Assert.NotEqual(graphA, ThrottleBucket.Of(RequestScope.ForTenant(CloudService.MicrosoftGraph, b), RequestMethod.Get));
            Assert.NotEqual(graphA, ThrottleBucket.Of(RequestScope.ForTenant(CloudService.DefenderEndpoint, a), RequestMethod.Get));
            Assert.Equal(
                ThrottleBucket.Of(new RequestScope(CloudService.LogAnalytics, RequestScopeKind.Workspace, Guid.NewGuid().ToString()), RequestMethod.Post),
                ThrottleBucket.Of(new RequestScope(CloudService.LogAnalytics, RequestScopeKind.Workspace, Guid.NewGuid().ToString()), RequestMethod.Post));
            Assert.Equal(ThrottleBucket.Of(Scope("/subscriptions/ABC/x"), RequestMethod.Get), ThrottleBucket.Of(Scope("/subscriptions/abc/y"), RequestMethod.Get));
        }

        private static RequestScope Scope(string path) => ArmPathScope.Derive(new Uri(TestSupport.Endpoint, path));
    }
}
