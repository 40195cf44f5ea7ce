using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Emulator.Posture;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>The posture cmdlets against the sample estate's truth (the emulator's generated posture).</summary>
    [Collection(EmulatorCollection.Name)]
    public class PostureTests
    {
        private const string NorthwindProduction = "2b222222-0000-4000-8000-000000000001";
        private const string NorthwindLegacy = "2b222222-0000-4000-8000-000000000003";
        private const string TailspinRetail = "3c333333-0000-4000-8000-000000000001";
        private const string TailspinAnalytics = "3c333333-0000-4000-8000-000000000002";
        private const string WoodgrovePayments = "4d444444-0000-4000-8000-000000000001";
        private readonly ModuleFixture _emulator;

        public PostureTests(ModuleFixture emulator) => _emulator = emulator;

        private PowerShellSession SignedIn()
        {
            var ps = new PowerShellSession();
            PSResult connect = ps.Connect(_emulator, ModuleFixture.Automation);
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        private SubscriptionPosture Truth(string subscriptionId) => _emulator.Host.Runtime.Posture.For(Guid.Parse(subscriptionId))!;

        private static string ErrorFor(PSResult result, string subscriptionId) =>
            result.Errors.Single(e => (e.ErrorDetails?.Message ?? e.Exception.Message).Contains(subscriptionId, StringComparison.Ordinal)).FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public void Secure_scores_match_the_estate_and_every_failing_subscription_is_one_typed_error()
        {
            using PowerShellSession ps = SignedIn();
            PSResult result = ps.Run("Get-CtSecureScore");
            var scores = result.Items.ToDictionary(s => (string)s.SubscriptionId);
            Assert.Equal(new[] { "2b222222-0000-4000-8000-000000000001", "2b222222-0000-4000-8000-000000000002", "3c333333-0000-4000-8000-000000000001", "3c333333-0000-4000-8000-000000000003" },
                scores.Keys.OrderBy(k => k));
            ScoreResult truth = Truth(NorthwindProduction).Score!;
            dynamic production = scores[NorthwindProduction];
            Assert.Equal(truth.Current, (double)production.Current);
            Assert.Equal(truth.Max, (double)production.Max);
            Assert.Equal(Math.Round(truth.Percentage * 100, 2), (double)production.Percentage);
            Assert.Equal(truth.Weight, (long)production.Weight);
            Assert.Equal(ModuleFixture.Northwind, (Guid)production.TenantId);
            Assert.Equal("Northwind Traders", (string)production.TenantName);
            Assert.Equal("Northwind Production", (string)production.SubscriptionName);

            Assert.Equal(4, result.Errors.Count);
            Assert.Equal("SecureScore.ScoreNotReady", ErrorFor(result, NorthwindLegacy));
            Assert.Equal("SecureScore.NotRegistered", ErrorFor(result, TailspinAnalytics));
            Assert.Equal("SecureScore.ResourceGroupOnly", ErrorFor(result, WoodgrovePayments));
            ErrorRecord notRegistered = result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("SecureScore.NotRegistered", StringComparison.Ordinal));
            Assert.Equal(ErrorCategory.NotEnabled, notRegistered.CategoryInfo.Category);
            Assert.Equal(TailspinAnalytics, (string)((dynamic)notRegistered.TargetObject).SubscriptionId);
            Assert.Contains("Microsoft.Security", notRegistered.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            ErrorRecord rgOnly = result.Errors.First(e => e.FullyQualifiedErrorId.StartsWith("SecureScore.ResourceGroupOnly", StringComparison.Ordinal));
            Assert.Equal(ErrorCategory.PermissionDenied, rgOnly.CategoryInfo.Category);
            Assert.Contains("rg-security", rgOnly.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Tenant_aggregation_weights_each_subscription_by_its_weight()
        {
            using PowerShellSession ps = SignedIn();
            PSResult result = ps.Run("Get-CtSecureScore -AggregateBy Tenant");
            var tenants = result.Items.ToDictionary(t => (Guid)t.TenantId);
            var northwind = new[] { Truth(NorthwindProduction).Score!, Truth("2b222222-0000-4000-8000-000000000002").Score! };
            double expected = Math.Round(northwind.Sum(s => s.Weight * s.Current / s.Max) / northwind.Sum(s => s.Weight) * 100, 2);
            Assert.Equal(expected, (double)tenants[ModuleFixture.Northwind].Percentage);
            Assert.Equal(2, (int)tenants[ModuleFixture.Northwind].SubscriptionCount);
            Assert.Equal(1, (int)tenants[ModuleFixture.Northwind].MissingCount);
            Assert.Equal(0, (int)tenants[ModuleFixture.Woodgrove].SubscriptionCount);
            Assert.True(double.IsNaN((double)tenants[ModuleFixture.Woodgrove].Percentage));
        }

        [Fact]
        public void Controls_carry_potential_increase_and_Top_ranks_across_customers()
        {
            using PowerShellSession ps = SignedIn();
            List<dynamic> controls = ps.Run($"Get-CtSecureScoreControl -SubscriptionId {NorthwindProduction}").Items.ToList();
            Assert.Equal(Truth(NorthwindProduction).Controls.Count, controls.Count);
            Assert.All(controls, c => Assert.Equal(Math.Round((double)c.Max - (double)c.Current, 2), (double)c.PotentialIncrease));

            List<dynamic> top = ps.Run("Get-CtSecureScoreControl -Top 3").Items.ToList();
            Assert.Equal(new[] { 1, 2, 3 }, top.Select(t => (int)t.Rank));
            Assert.True((double)top[0].PotentialIncrease >= (double)top[1].PotentialIncrease);
            var all = new[] { NorthwindProduction, "2b222222-0000-4000-8000-000000000002", TailspinRetail, "3c333333-0000-4000-8000-000000000003" }
                .SelectMany(id => Truth(id).Controls).GroupBy(c => c.Definition.Name)
                .Select(g => Math.Round(g.Sum(c => Math.Round(c.Definition.MaxScore - c.Current, 2)), 2)).OrderByDescending(x => x).First();
            Assert.Equal(all, (double)top[0].PotentialIncrease);
        }

        [Fact]
        public void Recommendations_join_severity_from_metadata_and_default_to_unhealthy()
        {
            using PowerShellSession ps = SignedIn();
            List<dynamic> high = ps.Run($"Get-CtRecommendation -SubscriptionId {NorthwindProduction} -Severity High").Items.ToList();
            var expected = Truth(NorthwindProduction).Assessments.Where(a => a.Status == "Unhealthy" && a.Definition.Severity == "High").ToList();
            Assert.Equal(expected.Count, high.Count);
            Assert.All(high, r => { Assert.Equal("High", r.Severity.ToString()); Assert.Equal("Unhealthy", (string)r.Status); });
            Assert.Equal(expected.Select(a => a.Resource.Id).OrderBy(x => x), high.Select(r => (string)r.ResourceId).OrderBy(x => x));
            Assert.All(high, r => Assert.NotEmpty((IReadOnlyList<string>)r.Categories));

            int all = ps.Run($"@(Get-CtRecommendation -SubscriptionId {NorthwindProduction} -Status Healthy, Unhealthy, NotApplicable).Count").Items.Cast<int>().Single();
            Assert.Equal(Truth(NorthwindProduction).Assessments.Count, all);
        }

        [Fact]
        public void Alerts_of_a_resource_group_delegation_come_from_its_groups_with_a_warning()
        {
            using PowerShellSession ps = SignedIn();
            PSResult result = ps.Run($"Get-CtAlert -SubscriptionId {WoodgrovePayments}");
            Assert.Empty(result.Errors);
            var truth = Truth(WoodgrovePayments).Alerts.Where(a => a.Resource.ResourceGroup == "rg-security").ToList();
            Assert.Equal(truth.Count, result.Output.Count);
            Assert.Contains(result.Warnings, w => w.Contains("resource-group level", StringComparison.Ordinal));
            Assert.All(result.Items, a => Assert.Equal("westeurope", (string)a.Location));
        }

        [Fact]
        public void Tenants_pipe_into_alerts_and_subscriptions_pipe_into_scores()
        {
            using PowerShellSession ps = SignedIn();
            PSResult alerts = ps.Run("Get-CtTenant | Where-Object DisplayName -eq 'Tailspin Toys' | Get-CtAlert");
            Assert.All(alerts.Items, a => Assert.Equal(ModuleFixture.Tailspin, (Guid)a.TenantId));
            Assert.Equal(Truth(TailspinRetail).Alerts.Count + Truth("3c333333-0000-4000-8000-000000000003").Alerts.Count, alerts.Output.Count);

            PSResult scores = ps.Run("Get-CtDelegatedSubscription | Where-Object DisplayName -like 'Northwind*' | Get-CtSecureScore");
            Assert.Equal(2, scores.Output.Count);
            Assert.Single(scores.Errors);
        }

        [Fact]
        public void Set_CtAlertState_WhatIf_changes_nothing_and_a_real_change_is_read_back()
        {
            using PowerShellSession ps = SignedIn();
            var alert = Truth(NorthwindProduction).Alerts.First(a => _emulator.Host.Runtime.Posture.AlertStatus(a) == "Active");
            PSResult whatIf = ps.Run($"Get-CtAlert -SubscriptionId {NorthwindProduction} | Where-Object Name -eq '{alert.Name}' | Set-CtAlertState -State Dismissed -WhatIf");
            Assert.False(whatIf.Failed, whatIf.Describe());
            Assert.Equal("Active", _emulator.Host.Runtime.Posture.AlertStatus(alert));

            PSResult changed = ps.Run($"Get-CtAlert -SubscriptionId {NorthwindProduction} | Where-Object Name -eq '{alert.Name}' | Set-CtAlertState -State InProgress -PassThru");
            Assert.False(changed.Failed, changed.Describe());
            Assert.Equal("InProgress", (string)Assert.Single(changed.Items).Status);
            Assert.Equal("InProgress", _emulator.Host.Runtime.Posture.AlertStatus(alert));
            ps.Run($"Get-CtAlert -SubscriptionId {NorthwindProduction} | Where-Object Name -eq '{alert.Name}' | Set-CtAlertState -State Active");
        }

        [Fact]
        public void A_read_only_role_cannot_change_alert_states_and_says_which_role_is_needed()
        {
            using PowerShellSession ps = SignedIn();
            PSResult result = ps.Run($"Get-CtAlert -SubscriptionId {TailspinRetail} -Status Active | Set-CtAlertState -State Resolved");
            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, e =>
            {
                Assert.StartsWith("AlertState.Forbidden", e.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Contains("Security Admin", e.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            });
        }

        [Fact]
        public void Defender_plans_parse_string_booleans_and_coverage()
        {
            using PowerShellSession ps = SignedIn();
            List<dynamic> plans = ps.Run($"Get-CtDefenderPlan -SubscriptionId {NorthwindProduction}").Items.ToList();
            Assert.Equal(15, plans.Count);
            var truth = Truth(NorthwindProduction).Pricings.ToDictionary(p => p.Plan.Name);
            Assert.All(plans, p =>
            {
                PricingRecord expected = truth[(string)p.Plan];
                Assert.Equal(expected.Tier == "Standard", (bool)p.Enabled);
                Assert.Equal(expected.Coverage, (string)p.CoverageStatus);
                Assert.Equal(false, (bool?)p.Enforce);
                Assert.Equal(expected.Extensions.Count, ((System.Collections.ICollection)p.Extensions).Count);
            });
            Assert.Contains(plans, p => (bool)p.Deprecated && ((IReadOnlyList<string>)p.ReplacedBy).Contains("Containers"));
        }

        [Fact]
        public void Compliance_states_are_normalised_and_controls_come_with_IncludeControls()
        {
            using PowerShellSession ps = SignedIn();
            List<dynamic> standards = ps.Run($"Get-CtRegulatoryCompliance -SubscriptionId {NorthwindProduction}").Items.ToList();
            Assert.Equal(2, standards.Count);
            List<object> withControls = ps.Run($"Get-CtRegulatoryCompliance -SubscriptionId {NorthwindProduction} -Standard PCI* -IncludeControls").Output.Select(o => o.BaseObject).ToList();
            var controls = withControls.Where(o => o.GetType().Name == "RegulatoryComplianceControl").Cast<dynamic>().ToList();
            Assert.Equal(8, controls.Count);
            Assert.All(controls, c => Assert.Contains((string)c.State, new[] { "Passed", "Failed", "Skipped", "Unsupported" }));
            Assert.Equal(controls.Count(c => (string)c.State == "Failed"), (int)withControls.Cast<dynamic>().First().FailedControls);
        }

        [Fact]
        public void Delegations_expand_roles_scope_type_and_readiness()
        {
            using PowerShellSession ps = SignedIn();
            List<dynamic> delegations = ps.Run("Get-CtDelegation").Items.ToList();
            dynamic northwind = delegations.First(d => (string)d.SubscriptionId == NorthwindProduction);
            Assert.Equal("Contoso Defense Managed Security", (string)northwind.OfferName);
            Assert.Equal("Subscription", northwind.ScopeType.ToString());
            Assert.True((bool)northwind.DefenderReady);
            Assert.Contains(((IEnumerable<dynamic>)northwind.Authorizations), a => (string)a.RoleName == "Security Admin");
            dynamic eligible = Assert.Single((IEnumerable<dynamic>)northwind.EligibleAuthorizations);
            Assert.Equal("Contributor", (string)eligible.RoleName);
            Assert.Equal(TimeSpan.FromHours(4), (TimeSpan)eligible.MaximumActivationDuration);

            dynamic woodgrove = delegations.First(d => (string)d.SubscriptionId == WoodgrovePayments);
            Assert.Equal("ResourceGroup", woodgrove.ScopeType.ToString());
            Assert.Equal("rg-security", (string)woodgrove.ResourceGroup);
            Assert.False((bool)woodgrove.DefenderReady);

            var shared = delegations.Where(d => (string)d.SubscriptionId == "3c333333-0000-4000-8000-000000000003").ToList();
            Assert.Equal(new[] { ModuleFixture.Msp, ModuleFixture.Litware }, shared.Select(d => (Guid)d.ManagingTenantId).OrderBy(g => g));
            Assert.Contains(shared, d => d.MarketplacePlan is string plan && plan.StartsWith("contosodefense.", StringComparison.Ordinal));
        }

        [Fact]
        public void ErrorAction_Stop_stops_at_the_first_failed_subscription()
        {
            using PowerShellSession ps = SignedIn();
            PSResult result = ps.Run("Get-CtSecureScore -ErrorAction Stop");
            Assert.NotNull(result.Terminating);
            Assert.StartsWith("SecureScore.", result.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
        }
    }
}
