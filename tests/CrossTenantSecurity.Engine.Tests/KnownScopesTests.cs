using System;
using System.Linq;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>What tab completion reads: the session cache, one listing when it is cold, never an exception.</summary>
    public class KnownScopesTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
        private static readonly string Msp = TestSupport.Msp.ToString();
        private const string Customer = "22222222-2222-4222-8222-222222222222";

        private static string Sub(string id, string home, params string[] managedBy) =>
            "{\"subscriptionId\":\"" + id + "\",\"tenantId\":\"" + home + "\",\"displayName\":\"sub " + id.Substring(0, 4) + "\",\"state\":\"Enabled\",\"managedByTenants\":["
            + string.Join(",", managedBy.Select(m => "{\"tenantId\":\"" + m + "\"}")) + "]}";

        private static string Page(params string[] items) => "{\"value\":[" + string.Join(",", items) + "]}";

        private static FakeArm Estate() => new FakeArm()
            .OnPath("/subscriptions", Page(Sub("aaaaaaaa-0000-4000-8000-000000000001", Msp), Sub("bbbbbbbb-0000-4000-8000-000000000001", Customer, Msp)))
            .OnPath("/tenants", Page(
                "{\"tenantId\":\"" + Msp + "\",\"tenantCategory\":\"Home\",\"displayName\":\"MSP\"}",
                "{\"tenantId\":\"" + Customer + "\",\"tenantCategory\":\"ProjectedBy\",\"displayName\":\"Customer A\"}"));

        private static int Requests(FakeArm arm, string path) => arm.Requests.Count(u => u.AbsolutePath == path);

        [Fact]
        public async Task Known_subscriptions_are_listed_once_and_shared_with_commands()
        {
            FakeArm arm = Estate();
            CrossTenantClient client = TestSupport.Client(arm);
            Assert.Equal(2, (await client.GetKnownSubscriptionsAsync(Wait)).Count);
            Assert.Equal(2, (await client.GetKnownSubscriptionsAsync(Wait)).Count);
            Assert.Equal(1, Requests(arm, "/subscriptions"));

            var sink = new RecordingSink<DelegatedSubscription>();
            await client.ListSubscriptionsAsync(new SubscriptionQuery { IncludeHome = true }, sink);
            Assert.Equal(2, sink.Results.Count);
            Assert.Equal(1, Requests(arm, "/subscriptions"));
        }

        [Fact]
        public async Task Known_tenants_are_listed_once_and_subscriptions_name_their_tenant_once_tenants_are_cached()
        {
            FakeArm arm = Estate();
            CrossTenantClient client = TestSupport.Client(arm);
            Assert.Null((await client.GetKnownSubscriptionsAsync(Wait)).Single(s => s.SubscriptionId.StartsWith("bbbb", StringComparison.Ordinal)).TenantName);

            var tenants = await client.GetKnownTenantsAsync(Wait);
            await client.GetKnownTenantsAsync(Wait);
            Assert.Equal(new[] { TenantRelationship.Managing, TenantRelationship.Customer }, tenants.Select(t => t.Relationship));
            Assert.Equal(new[] { 1, 1 }, tenants.Select(t => t.SubscriptionCount));
            Assert.Equal(1, Requests(arm, "/tenants"));

            DelegatedSubscription delegated = (await client.GetKnownSubscriptionsAsync(Wait)).Single(s => s.SubscriptionId.StartsWith("bbbb", StringComparison.Ordinal));
            Assert.Equal("Customer A", delegated.TenantName);
            Assert.Equal(SubscriptionAccessType.Delegated, delegated.AccessType);
            Assert.Equal(1, Requests(arm, "/subscriptions"));
        }

        [Fact]
        public async Task A_failed_listing_gives_nothing_without_throwing_and_is_not_kept()
        {
            int calls = 0;
            var arm = new FakeArm().On(u => u.AbsolutePath == "/subscriptions", _ => ++calls == 1
                ? new FakeResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}")
                : new FakeResponse(200, Page(Sub("bbbbbbbb-0000-4000-8000-000000000001", Customer, Msp))));
            CrossTenantClient client = TestSupport.Client(arm);
            Assert.Empty(await client.GetKnownSubscriptionsAsync(Wait));
            Assert.Single(await client.GetKnownSubscriptionsAsync(Wait));
            Assert.Equal(2, calls);
        }
    }
}
