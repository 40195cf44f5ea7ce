using System;
using System.Linq;
using System.Management.Automation;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>-Plan and -Standard wildcards are applied by the engine, as -like would apply them.</summary>
    [Collection(EmulatorCollection.Name)]
    public class PostureFilterTests
    {
        private const string NorthwindProduction = "2b222222-0000-4000-8000-000000000001";
        private readonly ModuleFixture _emulator;

        public PostureFilterTests(ModuleFixture emulator) => _emulator = emulator;

        [Fact]
        public void Plan_wildcards_keep_what_like_keeps_and_an_invalid_pattern_stops_the_command_before_reading()
        {
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(_emulator, ModuleFixture.Automation).Failed);
            string[] filtered = ps.Run($"Get-CtDefenderPlan -SubscriptionId {NorthwindProduction} -Plan 'storage*', 'DNS', '[KV]*' | ForEach-Object Plan")
                .Output.Select(o => o.ToString()).OrderBy(p => p, StringComparer.Ordinal).ToArray();
            string[] liked = ps.Run($"Get-CtDefenderPlan -SubscriptionId {NorthwindProduction} | Where-Object {{ $_.Plan -like 'storage*' -or $_.Plan -like 'DNS' -or $_.Plan -like '[KV]*' }} | ForEach-Object Plan")
                .Output.Select(o => o.ToString()).OrderBy(p => p, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "Dns", "KeyVaults", "KubernetesService", "StorageAccounts", "VirtualMachines" }, filtered);
            Assert.Equal(liked, filtered);

            PSResult invalid = ps.Run("Get-CtDefenderPlan -Plan 'Storage['");
            Assert.Equal("DefenderPlan.InvalidPattern", invalid.TerminatingRecord.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidArgument, invalid.TerminatingRecord.CategoryInfo.Category);
            Assert.Empty(invalid.Errors);
        }
    }
}
