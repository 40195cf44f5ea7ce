using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Get-CtTenant and Get-CtDelegatedSubscription against the sample estate's truth.</summary>
    [Collection(EmulatorCollection.Name)]
    public class TenancyTests
    {
        private readonly ModuleFixture _emulator;

        public TenancyTests(ModuleFixture emulator) => _emulator = emulator;

        private PowerShellSession SignedIn((string, string, string) principal)
        {
            var ps = new PowerShellSession();
            PSResult connect = ps.Connect(_emulator, principal);
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        [Fact]
        public void Delegated_subscriptions_carry_home_and_managing_tenants()
        {
            using PowerShellSession ps = SignedIn(ModuleFixture.Automation);
            PSResult result = ps.Run("Get-CtDelegatedSubscription");
            Assert.False(result.Failed, result.Describe());
            List<dynamic> subs = result.Items.ToList();
            Assert.Equal(8, subs.Count);
            Assert.All(subs, s =>
            {
                Assert.Equal("CrossTenantSecurity.DelegatedSubscription", ((object)s).GetType().FullName);
                Assert.Equal("Delegated", s.AccessType.ToString());
                Assert.Equal(ModuleFixture.Msp, (Guid)s.ManagingTenantId);
                Assert.Contains(ModuleFixture.Msp, (IEnumerable<Guid>)s.ManagedByTenantIds);
                Assert.NotEqual(ModuleFixture.Msp, (Guid)s.TenantId);
            });

            var byName = subs.ToDictionary(s => (string)s.DisplayName);
            Assert.Equal(ModuleFixture.Northwind, (Guid)byName["Northwind Legacy"].TenantId);
            Assert.Equal("Disabled", (string)byName["Northwind Legacy"].State);
            Assert.Equal("Northwind Traders", (string)byName["Northwind Production"].TenantName);
            Assert.Equal(new[] { ModuleFixture.Msp, ModuleFixture.Litware }, ((IEnumerable<Guid>)byName["Tailspin Shared Services"].ManagedByTenantIds).OrderBy(g => g));
            Assert.Equal(ModuleFixture.Woodgrove, (Guid)byName["Woodgrove Payments"].TenantId);
            Assert.Equal("prod", (string)((IReadOnlyDictionary<string, string>)byName["Northwind Production"].Tags)["env"]);
            Assert.Equal("2b222222-0000-4000-8000-000000000001", (string)byName["Northwind Production"].SubscriptionId);
        }

        [Fact]
        public void IncludeHome_adds_the_managing_tenants_own_subscriptions()
        {
            using PowerShellSession ps = SignedIn(ModuleFixture.Automation);
            List<dynamic> subs = ps.Run("Get-CtDelegatedSubscription -IncludeHome").Items.ToList();
            Assert.Equal(10, subs.Count);
            Assert.Equal(new[] { "Contoso SOC Production", "Contoso SOC Tooling" },
                subs.Where(s => s.AccessType.ToString() == "Home").Select(s => (string)s.DisplayName).OrderBy(n => n));
        }

        [Fact]
        public void Tenants_are_classified_and_counted()
        {
            using PowerShellSession ps = SignedIn(ModuleFixture.Automation);
            PSResult result = ps.Run("Get-CtTenant");
            Assert.False(result.Failed, result.Describe());
            var tenants = result.Items.ToDictionary(t => (Guid)t.TenantId);
            Assert.Equal(4, tenants.Count);
            Assert.Equal("Managing", tenants[ModuleFixture.Msp].Relationship.ToString());
            Assert.Equal("Home", (string)tenants[ModuleFixture.Msp].Category);
            Assert.Equal(2, (int)tenants[ModuleFixture.Msp].SubscriptionCount);
            Assert.Equal("Customer", tenants[ModuleFixture.Northwind].Relationship.ToString());
            Assert.Equal("ProjectedBy", (string)tenants[ModuleFixture.Northwind].Category);
            Assert.Equal(3, (int)tenants[ModuleFixture.Northwind].SubscriptionCount);
            Assert.Equal(2, (int)tenants[ModuleFixture.Woodgrove].SubscriptionCount);
            Assert.Equal("tailspintoys.onmicrosoft.com", (string)tenants[ModuleFixture.Tailspin].DefaultDomain);
            Assert.False(tenants.ContainsKey(ModuleFixture.Litware));
        }

        [Fact]
        public void Customer_tenants_pipe_into_Get_CtDelegatedSubscription_by_property_name()
        {
            using PowerShellSession ps = SignedIn(ModuleFixture.Automation);
            PSResult result = ps.Run("Get-CtTenant | Where-Object Relationship -eq 'Customer' | Where-Object DisplayName -like 'Tailspin*' | Get-CtDelegatedSubscription");
            Assert.False(result.Failed, result.Describe());
            Assert.Equal(3, result.Output.Count);
            Assert.All(result.Items, s => Assert.Equal(ModuleFixture.Tailspin, (Guid)s.TenantId));
        }

        [Fact]
        public void Subscriptions_pipe_back_in_and_bind_by_id()
        {
            using PowerShellSession ps = SignedIn(ModuleFixture.Automation);
            PSResult result = ps.Run("Get-CtDelegatedSubscription -IncludeHome | Where-Object State -eq 'Disabled' | Get-CtDelegatedSubscription");
            Assert.Equal("Northwind Legacy", (string)Assert.Single(result.Items).DisplayName);
        }

        [Fact]
        public void A_bad_guid_and_an_unknown_subscription_are_errors_while_the_good_id_still_returns()
        {
            using PowerShellSession ps = SignedIn(ModuleFixture.Automation);
            PSResult result = ps.Run("Get-CtDelegatedSubscription -SubscriptionId 'not-a-guid', '3c333333-0000-4000-8000-000000000001', '3c333333-0000-4000-8000-000000000004'");
            Assert.Equal("Tailspin Retail", (string)Assert.Single(result.Items).DisplayName);
            Assert.Equal(2, result.Errors.Count);

            ErrorRecord invalid = result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("DelegatedSubscription.InvalidSubscriptionId,", StringComparison.Ordinal));
            Assert.Equal(ErrorCategory.InvalidArgument, invalid.CategoryInfo.Category);
            Assert.Equal("not-a-guid", invalid.TargetObject);

            ErrorRecord missing = result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("DelegatedSubscription.NotFound,", StringComparison.Ordinal));
            Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
            Assert.Equal("3c333333-0000-4000-8000-000000000004", missing.TargetObject);
            Assert.False(string.IsNullOrEmpty(missing.ErrorDetails.RecommendedAction));
        }

        [Fact]
        public void An_unknown_tenant_is_a_specific_error()
        {
            using PowerShellSession ps = SignedIn(ModuleFixture.Automation);
            PSResult result = ps.Run("Get-CtDelegatedSubscription -TenantId 99999999-9999-4999-8999-999999999999");
            Assert.Empty(result.Output);
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.StartsWith("DelegatedSubscription.NotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("99999999-9999-4999-8999-999999999999", error.Exception.Message, StringComparison.Ordinal);

            PSResult tenant = ps.Run("Get-CtTenant -TenantId 99999999-9999-4999-8999-999999999999, 22222222-2222-4222-8222-222222222222");
            Assert.Equal("Northwind Traders", (string)Assert.Single(tenant.Items).DisplayName);
            Assert.StartsWith("Tenant.NotFound,", Assert.Single(tenant.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void ErrorAction_Stop_turns_the_first_failure_into_a_terminating_error()
        {
            using PowerShellSession ps = SignedIn(ModuleFixture.Automation);
            PSResult result = ps.Run("Get-CtDelegatedSubscription -SubscriptionId 3c333333-0000-4000-8000-000000000004 -ErrorAction Stop");
            Assert.NotNull(result.Terminating);
            Assert.StartsWith("DelegatedSubscription.NotFound,", result.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void A_principal_sees_only_what_its_delegations_allow()
        {
            using PowerShellSession reporting = SignedIn(ModuleFixture.Reporting);
            List<dynamic> subs = reporting.Run("Get-CtDelegatedSubscription -IncludeHome").Items.ToList();
            Assert.Equal(3, subs.Count);
            Assert.All(subs, s => Assert.Equal(ModuleFixture.Northwind, (Guid)s.TenantId));

            using PowerShellSession litware = SignedIn(ModuleFixture.LitwareOperator);
            dynamic shared = Assert.Single(litware.Run("Get-CtDelegatedSubscription").Items);
            Assert.Equal(ModuleFixture.Litware, (Guid)shared.ManagingTenantId);
            Assert.Equal("Tailspin Toys", (string)shared.TenantName);
        }

        [Fact]
        public void Seen_from_a_customer_its_providers_are_Provider_tenants_and_nothing_is_delegated()
        {
            using PowerShellSession ps = SignedIn(ModuleFixture.TailspinAdmin);
            Assert.Empty(ps.Run("Get-CtDelegatedSubscription").Output);
            Assert.Equal(4, ps.Run("Get-CtDelegatedSubscription -IncludeHome").Output.Count);
            var tenants = ps.Run("Get-CtTenant").Items.ToDictionary(t => (Guid)t.TenantId, t => t.Relationship.ToString());
            Assert.Equal("Provider", tenants[ModuleFixture.Msp]);
            Assert.Equal("Provider", tenants[ModuleFixture.Litware]);
            Assert.Equal("Managing", tenants[ModuleFixture.Tailspin]);
        }
    }
}
