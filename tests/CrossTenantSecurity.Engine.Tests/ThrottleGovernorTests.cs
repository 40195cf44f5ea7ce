using System;
using System.Linq;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Tests
{
    public class ThrottleGovernorTests
    {
        private const string Throttled = "/subscriptions/aaaaaaaa-0000-4000-8000-000000000001";
        private const string Other = "/subscriptions/bbbbbbbb-0000-4000-8000-000000000001";

        [Fact]
        public async Task After_a_429_no_request_to_that_subscription_leaves_before_Retry_After_while_others_proceed()
        {
            int first = 0;
            DateTimeOffset throttledAt = default;
            var arm = new FakeArm()
                .On(u => u.AbsolutePath == Throttled + "/providers/a", _ =>
                {
                    if (System.Threading.Interlocked.Increment(ref first) == 1)
                    {
                        throttledAt = DateTimeOffset.UtcNow;
                        return new FakeResponse(429, "{\"error\":{\"code\":\"SubscriptionRequestsThrottled\",\"message\":\"x\"}}", ("x-ms-retry-after-ms", "1500"), ("Retry-After", "2"));
                    }
                    return new FakeResponse(200, "{}");
                })
                .On(u => u.AbsolutePath.EndsWith("/providers/b", StringComparison.Ordinal), _ => new FakeResponse(200, "{}"));
            var gateway = TestSupport.Gateway(arm, maxRetries: 3);

            Task a = gateway.GetAsync(Throttled + "/providers/a?api-version=1", null, default);
            await Task.Delay(100);
            Task sameBucket = gateway.GetAsync(Throttled + "/providers/b?api-version=1", null, default);
            Task otherBucket = gateway.GetAsync(Other + "/providers/b?api-version=1", null, default);
            await Task.WhenAll(a, sameBucket, otherBucket);

            DateTimeOffset sameSent = arm.Sent.Single(s => s.Uri.AbsolutePath == Throttled + "/providers/b").At;
            DateTimeOffset otherSent = arm.Sent.Single(s => s.Uri.AbsolutePath == Other + "/providers/b").At;
            // Wide margins: the point is "held for the whole Retry-After" versus "not held at all", on a busy machine too.
            Assert.True(sameSent - throttledAt >= TimeSpan.FromMilliseconds(1490), $"sent {(sameSent - throttledAt).TotalMilliseconds} ms after the 429");
            Assert.True(otherSent - throttledAt < TimeSpan.FromMilliseconds(1000), $"another subscription's request was held back {(otherSent - throttledAt).TotalMilliseconds} ms");
            Assert.Equal(2, arm.Requests.Count(u => u.AbsolutePath == Throttled + "/providers/a"));
        }

        [Theory]
        [InlineData("GET", "/subscriptions/x/providers/Microsoft.Security/alerts", "x/read")]
        [InlineData("POST", "/subscriptions/x/providers/Microsoft.Security/locations/w/alerts/a/dismiss", "x/write")]
        [InlineData("GET", "/subscriptions", "tenant/read")]
        [InlineData("GET", "/tenants", "tenant/read")]
        [InlineData("POST", "/providers/Microsoft.ResourceGraph/resources", "resourcegraph")]
        public void Requests_map_to_ARM_throttling_buckets(string method, string path, string bucket)
        {
            var request = new FakeRequest { Method = Azure.Core.RequestMethod.Parse(method) };
            request.Uri.Reset(new Uri("https://arm.example.test" + path));
            Assert.Equal(bucket, ThrottleGovernorPolicy.BucketOf(request));
        }

    }
}
