using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Every posture cmdlet gives the same objects and the same errors from Resource Graph as from ARM.</summary>
    [Collection(EmulatorCollection.Name)]
    public class SourceEqualityTests
    {
        private readonly ModuleFixture _emulator;

        public SourceEqualityTests(ModuleFixture emulator) => _emulator = emulator;

        public static IEnumerable<object[]> Commands() => new[]
        {
            new object[] { "Get-CtSecureScore -IncludeHome", "'{0}|{1}|{2}|{3}|{4}' -f $_.SubscriptionId, $_.Current, $_.Max, $_.Percentage, $_.Weight" },
            new object[] { "Get-CtSecureScore -AggregateBy Tenant", "'{0}|{1}|{2}|{3}' -f $_.TenantId, $_.Percentage, $_.SubscriptionCount, $_.MissingCount" },
            new object[] { "Get-CtSecureScoreControl", "'{0}|{1}|{2}|{3}|{4}' -f $_.Id, $_.Current, $_.Max, $_.HealthyResourceCount, $_.UnhealthyResourceCount" },
            new object[] { "Get-CtRecommendation -Status Healthy, Unhealthy, NotApplicable", "'{0}|{1}|{2}|{3}|{4}' -f $_.Id, $_.Status, $_.Severity, $_.ResourceId, ($_.Categories -join ',')" },
            new object[] { "Get-CtAlert", "'{0}|{1}|{2}|{3}|{4}' -f $_.Id, $_.Status, $_.Severity, $_.Location, $_.StartTimeUtc" },
            new object[] { "Get-CtDefenderPlan", "'{0}|{1}|{2}|{3}|{4}' -f $_.Id, $_.Tier, $_.SubPlan, $_.CoverageStatus, ($_.Extensions -join ',')" },
            new object[] { "Get-CtRegulatoryCompliance -IncludeControls", "'{0}|{1}|{2}' -f $_.Id, $_.State, $_.GetType().Name" },
        };

        [Theory]
        [MemberData(nameof(Commands))]
        public void Resource_Graph_and_ARM_give_the_same_objects_and_errors(string command, string key)
        {
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(_emulator, ModuleFixture.Automation).Failed);
            (string[] Objects, string[] Errors) Read(string source)
            {
                PSResult result = ps.Run($"{command} -Source {source} -WarningAction SilentlyContinue | ForEach-Object {{ {key} }}");
                Assert.Null(result.Terminating);
                return (result.Output.Select(o => o.ToString()).OrderBy(x => x, StringComparer.Ordinal).ToArray(),
                        result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0] + "|" + (e.ErrorDetails?.Message ?? e.Exception.Message).Split(':')[0])
                            .OrderBy(x => x, StringComparer.Ordinal).ToArray());
            }
            var arm = Read("Arm");
            var graph = Read("ResourceGraph");
            Assert.NotEmpty(arm.Objects);
            Assert.Equal(arm.Objects, graph.Objects);
            Assert.Equal(arm.Errors, graph.Errors);
        }

        [Fact]
        public void Resource_Graph_really_serves_the_rows_and_ARM_only_the_subscriptions_it_left_out()
        {
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(_emulator, ModuleFixture.Automation).Failed);
            _emulator.Host.Requests.Clear();
            PSResult result = ps.Run("Get-CtRecommendation -Source ResourceGraph -Verbose | Out-Null");
            var entries = _emulator.Host.Requests.Entries;
            Assert.Contains(entries, e => e.Path.EndsWith("/Microsoft.ResourceGraph/resources", StringComparison.OrdinalIgnoreCase));
            var armAssessmentCalls = entries.Where(e => e.Path.EndsWith("/providers/Microsoft.Security/assessments", StringComparison.OrdinalIgnoreCase))
                .Select(e => e.Path.Split('/')[2]).Distinct().ToList();
            // Only the subscription without Microsoft.Security (and the resource-group-only ones, which have no rows at subscription level) go to ARM.
            Assert.Contains("3c333333-0000-4000-8000-000000000002", armAssessmentCalls);
            Assert.DoesNotContain("2b222222-0000-4000-8000-000000000001", armAssessmentCalls);
            Assert.Contains(result.Verbose, v => v.Contains("reading them over ARM", StringComparison.Ordinal));
        }
    }
}
