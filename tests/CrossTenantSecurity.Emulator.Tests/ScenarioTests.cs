using System;
using System.IO;
using System.Linq;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator.Tests
{
    public class ScenarioTests
    {
        [Fact]
        public void The_sample_estate_has_the_promised_shape()
        {
            Scenario sample = ScenarioLoader.LoadSample();
            var index = new EstateIndex(sample);
            Guid msp = Guid.Parse(EmulatorFixture.Msp);
            var delegated = sample.Subscriptions.Where(s => index.ManagedByTenants(s.Id).Contains(msp)).ToList();
            Assert.Equal(8, delegated.Count);
            Assert.Equal(3, delegated.Select(s => s.TenantId).Distinct().Count());
            Assert.Equal(2, sample.Subscriptions.Count(s => s.TenantId == msp));
            Assert.Contains(sample.Subscriptions, s => s.State == "Disabled");
            Assert.Contains(sample.Subscriptions, s => index.ManagedByTenants(s.Id).Count == 2);
            Assert.Contains(sample.Delegations, d => d.Scopes.All(scope => scope.Contains("/resourceGroups/", StringComparison.OrdinalIgnoreCase)));
        }

        [Fact]
        public void A_delegation_into_a_subscription_of_another_tenant_is_rejected()
        {
            Scenario bad = ScenarioLoader.LoadSample();
            bad.Delegations[0].Scopes.Add("/subscriptions/3c333333-0000-4000-8000-000000000004");
            var e = Assert.Throws<InvalidDataException>(() => ScenarioLoader.Validate(bad));
            Assert.Contains("not in the customer tenant", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Eligible_authorizations_grant_no_access_until_activated()
        {
            Scenario sample = ScenarioLoader.LoadSample();
            var index = new EstateIndex(sample);
            var soc = new ScenarioPrincipal { TenantId = Guid.Parse(EmulatorFixture.Msp), ObjectId = Guid.NewGuid() };
            sample.Delegations[0].EligibleAuthorizations.Add(new ScenarioEligibleAuthorization { PrincipalId = soc.ObjectId, RoleDefinitionId = Guid.NewGuid() });
            Assert.Empty(index.VisibleSubscriptions(soc.TenantId, soc));
        }
    }
}
