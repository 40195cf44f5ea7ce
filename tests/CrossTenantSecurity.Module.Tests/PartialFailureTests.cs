using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>A customer whose delegation grants no Security read: its subscriptions fail as Forbidden, everything else still returns.</summary>
    [Collection(EmulatorCollection.Name)]
    public class PartialFailureTests
    {
        [Fact]
        public async Task A_customer_without_a_security_reading_role_is_Forbidden_and_the_rest_still_returns()
        {
            Scenario scenario = ScenarioLoader.LoadSample();
            ScenarioDelegation tailspin = scenario.Delegations.Single(d => d.Id == Guid.Parse("d1000000-0000-4000-8000-000000000002"));
            foreach (ScenarioAuthorization authorization in tailspin.Authorizations)
                authorization.RoleDefinitionId = Guid.Parse("a795c7a0-d4a2-40c1-ae25-d81f01202912"); // Backup Reader: reads nothing in Microsoft.Security
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { Scenario = scenario, CertificateAuthority = PlatformTrust.ProcessAuthority });

            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(host, ModuleFixture.Automation).Failed);
            PSResult result = ps.Run("Get-CtDefenderPlan -Plan VirtualMachines");

            Assert.Equal(new[] { "Northwind Development", "Northwind Legacy", "Northwind Production" }, result.Items.Select(p => (string)p.SubscriptionName).OrderBy(n => n));
            var forbidden = result.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("DefenderPlan.Forbidden,", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, forbidden.Count);
            Assert.All(forbidden, e =>
            {
                Assert.Equal(ErrorCategory.PermissionDenied, e.CategoryInfo.Category);
                Assert.Equal(ModuleFixture.Tailspin, (Guid)((dynamic)e.TargetObject).TenantId);
                Assert.Contains("Security Reader", e.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            });
            Assert.Equal(2, result.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("DefenderPlan.ResourceGroupOnly,", StringComparison.Ordinal)));
            Assert.Equal(5, result.Errors.Count);
        }
    }
}
