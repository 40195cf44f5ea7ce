using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Tests
{
    public class CrossTenantClientTests
    {
        private const string SubscriptionsPath = "/subscriptions";
        private const string TenantsPath = "/tenants";

        private static string Sub(string id, string home, params string[] managedBy) =>
            new JsonObject
            {
                ["id"] = "/subscriptions/" + id,
                ["subscriptionId"] = id,
                ["tenantId"] = home,
                ["displayName"] = "sub " + id.Substring(0, 4),
                ["state"] = "Enabled",
                ["managedByTenants"] = new JsonArray(managedBy.Select(m => (JsonNode)new JsonObject { ["tenantId"] = m }).ToArray()),
            }.ToJsonString();

        private static string Page(string? next, params string[] items) =>
            "{\"value\":[" + string.Join(",", items) + "]" + (next is null ? "" : ",\"nextLink\":\"" + next + "\"") + "}";

        private static readonly string Msp = TestSupport.Msp.ToString();
        private const string CustomerA = "22222222-2222-4222-8222-222222222222";
        private const string CustomerB = "33333333-3333-4333-8333-333333333333";

        private static FakeArm EstateWithTwoPages(string? tenantsBody = null)
        {
            string page2 = TestSupport.Endpoint + "subscriptions?api-version=2022-12-01&$skiptoken=p2";
            return new FakeArm()
                .OnPath(SubscriptionsPath, Page(page2,
                    Sub("aaaaaaaa-0000-4000-8000-000000000001", Msp),
                    Sub("bbbbbbbb-0000-4000-8000-000000000001", CustomerA, Msp)))
                .On(u => u.Query.Contains("skiptoken=p2"), _ => new FakeResponse(200, Page(null,
                    Sub("bbbbbbbb-0000-4000-8000-000000000001", CustomerA, Msp), // duplicate of page 1
                    Sub("cccccccc-0000-4000-8000-000000000001", CustomerB, Msp, "55555555-5555-4555-8555-555555555555"),
                    Sub("dddddddd-0000-4000-8000-000000000001", CustomerB))))
                .OnPath(TenantsPath, tenantsBody ?? Page(null,
                    "{\"tenantId\":\"" + Msp + "\",\"tenantCategory\":\"Home\",\"displayName\":\"MSP\"}",
                    "{\"tenantId\":\"" + CustomerA + "\",\"tenantCategory\":\"ProjectedBy\",\"displayName\":\"Customer A\"}",
                    "{\"tenantId\":\"" + CustomerB + "\",\"tenantCategory\":\"ProjectedBy\",\"displayName\":\"Customer B\"}"));
        }

        [Fact]
        public async Task Pages_are_followed_duplicates_merged_and_only_delegated_returned_by_default()
        {
            FakeArm arm = EstateWithTwoPages();
            var sink = new RecordingSink<DelegatedSubscription>();
            await TestSupport.Client(arm).ListSubscriptionsAsync(new SubscriptionQuery(), sink);

            Assert.Equal(new[] { "bbbbbbbb-0000-4000-8000-000000000001", "cccccccc-0000-4000-8000-000000000001" }, sink.Results.Select(s => s.SubscriptionId));
            DelegatedSubscription shared = sink.Results[1];
            Assert.Equal(Guid.Parse(CustomerB), shared.TenantId);
            Assert.Equal("Customer B", shared.TenantName);
            Assert.Equal(TestSupport.Msp, shared.ManagingTenantId);
            Assert.Equal(2, shared.ManagedByTenantIds.Count);
            Assert.Equal(SubscriptionAccessType.Delegated, shared.AccessType);
            Assert.Empty(sink.Failures);
            Assert.All(arm.Requests, u => Assert.Contains("api-version=2022-12-01", u.Query));
        }

        [Fact]
        public async Task IncludeHome_adds_own_and_direct_subscriptions()
        {
            var sink = new RecordingSink<DelegatedSubscription>();
            await TestSupport.Client(EstateWithTwoPages()).ListSubscriptionsAsync(new SubscriptionQuery { IncludeHome = true }, sink);
            Assert.Equal(
                new[] { SubscriptionAccessType.Home, SubscriptionAccessType.Delegated, SubscriptionAccessType.Delegated, SubscriptionAccessType.Direct },
                sink.Results.Select(s => s.AccessType));
        }

        [Fact]
        public async Task Tenant_filter_and_unknown_tenant_is_reported_not_dropped()
        {
            Guid unknown = Guid.NewGuid();
            var sink = new RecordingSink<DelegatedSubscription>();
            await TestSupport.Client(EstateWithTwoPages()).ListSubscriptionsAsync(
                new SubscriptionQuery { TenantIds = new[] { Guid.Parse(CustomerA), unknown } }, sink);
            Assert.Equal("bbbbbbbb-0000-4000-8000-000000000001", Assert.Single(sink.Results).SubscriptionId);
            ScopeFailure failure = Assert.Single(sink.Failures);
            Assert.Equal(ScopeFailureKind.NotFound, failure.Kind);
            Assert.Equal("TenantNotFound", failure.ErrorCode);
            Assert.Equal(unknown.ToString(), failure.Scope);
        }

        [Fact]
        public async Task Requested_subscriptions_come_back_whatever_their_access_type_and_missing_ones_fail()
        {
            const string missing = "eeeeeeee-0000-4000-8000-000000000001";
            var sink = new RecordingSink<DelegatedSubscription>();
            await TestSupport.Client(EstateWithTwoPages()).ListSubscriptionsAsync(
                new SubscriptionQuery { SubscriptionIds = new[] { "AAAAAAAA-0000-4000-8000-000000000001", missing } }, sink);
            Assert.Equal(SubscriptionAccessType.Home, Assert.Single(sink.Results).AccessType);
            Assert.Equal(missing, Assert.Single(sink.Failures).Scope);
            Assert.Equal("SubscriptionNotFound", sink.Failures[0].ErrorCode);
        }

        [Fact]
        public async Task Tenant_names_failing_is_a_warning_not_a_failure()
        {
            var arm = new FakeArm().OnPath(TenantsPath, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}", 403);
            arm.OnPath(SubscriptionsPath, Page(null, Sub("bbbbbbbb-0000-4000-8000-000000000001", CustomerA, Msp)));
            var sink = new RecordingSink<DelegatedSubscription>();
            await TestSupport.Client(arm).ListSubscriptionsAsync(new SubscriptionQuery(), sink);
            Assert.Null(Assert.Single(sink.Results).TenantName);
            Assert.Contains(sink.Warnings, w => w.Contains("AuthorizationFailed", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_nextLink_to_another_host_is_never_followed()
        {
            var arm = new FakeArm()
                .OnPath(SubscriptionsPath, Page("https://evil.example.test/collect?api-version=1", Sub("bbbbbbbb-0000-4000-8000-000000000001", CustomerA, Msp)))
                .OnPath(TenantsPath, Page(null));
            var sink = new RecordingSink<DelegatedSubscription>();
            await Assert.ThrowsAnyAsync<Exception>(() => TestSupport.Client(arm).ListSubscriptionsAsync(new SubscriptionQuery(), sink));
            Assert.DoesNotContain(arm.Requests, u => u.Host == "evil.example.test");
        }

        [Fact]
        public async Task A_repeating_nextLink_ends_the_listing()
        {
            string self = TestSupport.Endpoint + "subscriptions?api-version=2022-12-01&$skiptoken=loop";
            var arm = new FakeArm()
                .OnPath(SubscriptionsPath, Page(self, Sub("bbbbbbbb-0000-4000-8000-000000000001", CustomerA, Msp)))
                .On(u => u.Query.Contains("skiptoken=loop"), _ => new FakeResponse(200, Page(self)))
                .OnPath(TenantsPath, Page(null));
            var sink = new RecordingSink<DelegatedSubscription>();
            await TestSupport.Client(arm).ListSubscriptionsAsync(new SubscriptionQuery(), sink);
            Assert.Single(sink.Results);
            Assert.Equal(2, arm.Requests.Count(u => u.AbsolutePath == SubscriptionsPath));
        }

        [Fact]
        public async Task Throttled_requests_are_retried_after_Retry_After()
        {
            int calls = 0;
            var arm = new FakeArm()
                .On(u => u.AbsolutePath == SubscriptionsPath, _ => ++calls == 1
                    ? new FakeResponse(429, "{\"error\":{\"code\":\"SubscriptionRequestsThrottled\",\"message\":\"slow down\"}}", ("Retry-After", "0"))
                    : new FakeResponse(200, Page(null, Sub("bbbbbbbb-0000-4000-8000-000000000001", CustomerA, Msp))))
                .OnPath(TenantsPath, Page(null));
            var sink = new RecordingSink<DelegatedSubscription>();
            await TestSupport.Client(arm).ListSubscriptionsAsync(new SubscriptionQuery(), sink);
            Assert.Single(sink.Results);
            Assert.Equal(2, calls);
        }

        [Fact]
        public async Task A_session_lists_subscriptions_and_tenants_once_for_several_commands()
        {
            FakeArm arm = EstateWithTwoPages();
            CrossTenantClient client = TestSupport.Client(arm);
            for (int i = 0; i < 3; i++)
            {
                var sink = new RecordingSink<DelegatedSubscription>();
                await client.ListSubscriptionsAsync(new SubscriptionQuery(), sink);
                Assert.Equal(2, sink.Results.Count);
                Assert.Equal("Customer B", sink.Results[1].TenantName);
            }
            Assert.Equal(2, arm.Requests.Count(u => u.AbsolutePath == SubscriptionsPath));
            Assert.Equal(1, arm.Requests.Count(u => u.AbsolutePath == TenantsPath));
        }

        [Fact]
        public async Task Tenants_carry_relationship_and_subscription_counts()
        {
            var sink = new RecordingSink<Tenant>();
            await TestSupport.Client(EstateWithTwoPages()).ListTenantsAsync(sink);
            Assert.Equal(new[] { TenantRelationship.Managing, TenantRelationship.Customer, TenantRelationship.Customer }, sink.Results.Select(t => t.Relationship));
            Assert.Equal(new[] { 1, 1, 2 }, sink.Results.Select(t => t.SubscriptionCount));
        }
    }
}
