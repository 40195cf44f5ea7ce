using System;
using CrossTenantSecurity.Engine.Tenancy;

namespace CrossTenantSecurity.Engine.Tests
{
    public class TenantClassifierTests
    {
        private static readonly Guid Us = Guid.NewGuid();
        private static readonly Guid Customer = Guid.NewGuid();
        private static readonly Guid OtherProvider = Guid.NewGuid();

        [Fact]
        public void Own_subscription_is_home_even_when_another_tenant_manages_it()
        {
            Assert.Equal(SubscriptionAccessType.Home, TenantClassifier.ClassifySubscription(Us, new[] { OtherProvider }, Us));
        }

        [Fact]
        public void Customer_subscription_managed_by_us_is_delegated()
        {
            Assert.Equal(SubscriptionAccessType.Delegated, TenantClassifier.ClassifySubscription(Customer, new[] { OtherProvider, Us }, Us));
        }

        [Fact]
        public void Customer_subscription_not_managed_by_us_is_direct()
        {
            Assert.Equal(SubscriptionAccessType.Direct, TenantClassifier.ClassifySubscription(Customer, new[] { OtherProvider }, Us));
            Assert.Equal(SubscriptionAccessType.Direct, TenantClassifier.ClassifySubscription(Customer, Array.Empty<Guid>(), Us));
        }

        [Theory]
        [InlineData("Home", TenantRelationship.Managing)]
        [InlineData("home", TenantRelationship.Managing)]
        [InlineData("ProjectedBy", TenantRelationship.Customer)]
        [InlineData("ManagedBy", TenantRelationship.Provider)]
        [InlineData("SomethingNew", TenantRelationship.Unknown)]
        [InlineData(null, TenantRelationship.Unknown)]
        public void Tenant_categories_map_and_unknown_values_are_tolerated(string? category, TenantRelationship expected)
        {
            Assert.Equal(expected, TenantClassifier.ClassifyTenant(category, Customer, Us));
        }

        [Fact]
        public void Signed_in_tenant_without_a_category_is_still_the_managing_tenant()
        {
            Assert.Equal(TenantRelationship.Managing, TenantClassifier.ClassifyTenant(null, Us, Us));
        }
    }
}
