using System;
using System.Linq;
using System.Text.Json;
using CrossTenantSecurity.Engine.Tenancy;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The tenancy rules on Microsoft's own example payloads (azure-rest-api-specs, verbatim).</summary>
    public class OfficialPayloadTests
    {
        private static SubscriptionRecord[] Subscriptions() =>
            JsonDocument.Parse(TestSupport.Example("Microsoft.Resources/Subscriptions_List.json").ToJsonString())
                .RootElement.GetProperty("value").EnumerateArray().Select(e => SubscriptionRecord.Parse(e)!).ToArray();

        [Fact]
        public void Subscription_fields_are_read_from_the_official_list_example()
        {
            SubscriptionRecord[] subs = Subscriptions();
            Assert.Equal(2, subs.Length);
            Assert.Equal("291bba3f-e0a5-47bc-a099-3bdcb2a50a05", subs[0].SubscriptionId);
            Assert.Equal(Guid.Parse("31c75423-32d6-4322-88b7-c478bdde4858"), subs[0].TenantId);
            Assert.Equal("Example Subscription", subs[0].DisplayName);
            Assert.Equal("Enabled", subs[0].State);
            Assert.Equal("RoleBased", subs[0].AuthorizationSource);
            Assert.Equal("tagValue1", subs[0].Tags["tagKey1"]);
            Assert.Equal(new[] { Guid.Parse("8f70baf1-1f6e-46a2-a1ff-238dac1ebfb7"), Guid.Parse("f7fb6af2-321d-47c8-9c0f-b0239eaad39a") }, subs[1].ManagedByTenantIds);
        }

        [Fact]
        public void Seen_from_the_provider_in_both_lists_both_subscriptions_are_delegated()
        {
            Guid msp = Guid.Parse("8f70baf1-1f6e-46a2-a1ff-238dac1ebfb7");
            Assert.All(Subscriptions(), s => Assert.Equal(SubscriptionAccessType.Delegated, TenantClassifier.ClassifySubscription(s.TenantId!.Value, s.ManagedByTenantIds, msp)));
        }

        [Fact]
        public void Seen_from_the_second_provider_only_the_subscription_it_manages_is_delegated()
        {
            Guid second = Guid.Parse("f7fb6af2-321d-47c8-9c0f-b0239eaad39a");
            SubscriptionRecord[] subs = Subscriptions();
            Assert.Equal(SubscriptionAccessType.Direct, TenantClassifier.ClassifySubscription(subs[0].TenantId!.Value, subs[0].ManagedByTenantIds, second));
            Assert.Equal(SubscriptionAccessType.Delegated, TenantClassifier.ClassifySubscription(subs[1].TenantId!.Value, subs[1].ManagedByTenantIds, second));
        }

        [Fact]
        public void Tenant_categories_of_the_official_example_map_to_relationships()
        {
            TenantRecord[] tenants = JsonDocument.Parse(TestSupport.Example("Microsoft.Resources/Tenants_List.json").ToJsonString())
                .RootElement.GetProperty("value").EnumerateArray().Select(e => TenantRecord.Parse(e)!).ToArray();
            Guid home = Guid.Parse("83abe5cd-bcc3-441a-bd86-e6a75360cecc");
            Assert.Equal(
                new[] { TenantRelationship.Provider, TenantRelationship.Managing, TenantRelationship.Customer },
                tenants.Select(t => TenantClassifier.ClassifyTenant(t.Category, t.TenantId, home)));
            Assert.Equal(new[] { "rdvmohoro.ccsctp.net", "rdvmohoro.mail.ccsctp.net", "rdvmohoro.com" }, tenants[2].Domains);
            Assert.Equal("rdvmohoro.ccsctp.net", tenants[2].DefaultDomain);
        }

        [Fact]
        public void An_item_without_a_usable_id_is_skipped_not_fatal()
        {
            Assert.Null(SubscriptionRecord.Parse(JsonDocument.Parse("{\"displayName\":\"x\"}").RootElement));
            Assert.Null(TenantRecord.Parse(JsonDocument.Parse("{\"tenantId\":\"not-a-guid\"}").RootElement));
        }

        [Fact]
        public void Old_api_versions_without_tenant_fields_parse_with_null_home()
        {
            SubscriptionRecord record = SubscriptionRecord.Parse(JsonDocument.Parse(
                "{\"id\":\"/subscriptions/291bba3f-e0a5-47bc-a099-3bdcb2a50a05\",\"displayName\":\"x\",\"state\":\"Warned\"}").RootElement)!;
            Assert.Equal("291bba3f-e0a5-47bc-a099-3bdcb2a50a05", record.SubscriptionId);
            Assert.Null(record.TenantId);
            Assert.Empty(record.ManagedByTenantIds);
        }
    }
}
