using System;
using System.Linq;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Assessments that come without inline metadata are joined with the subscription's assessmentMetadata list, so -Severity keeps them.</summary>
    [Collection(EmulatorCollection.Name)]
    public class AssessmentMetadataTests
    {
        private const string NorthwindProduction = "2b222222-0000-4000-8000-000000000001";

        [Fact]
        public async Task Resource_Graph_rows_without_metadata_give_the_same_recommendations_as_ARM_with_one_metadata_read()
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority });
            host.Runtime.Graph = new AssessmentRowsWithoutMetadata(host.Runtime.Graph!);
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(host, ModuleFixture.Automation).Failed);
            string command = $"Get-CtRecommendation -SubscriptionId {NorthwindProduction} -Severity High -Status Healthy, Unhealthy, NotApplicable";
            const string key = "ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Id, $_.Severity, ($_.Categories -join ','), $_.RemediationDescription }";

            PSResult arm = ps.Run($"{command} -Source Arm | {key}");
            host.Requests.Clear();
            PSResult graph = ps.Run($"{command} -Source ResourceGraph | {key}");
            int metadataReads = MetadataListings(host);
            PSResult again = ps.Run($"{command} -Source ResourceGraph | {key}");

            Assert.False(graph.Failed, graph.Describe());
            Assert.NotEmpty(arm.Output);
            Assert.Equal(arm.Output.Select(o => o.ToString()).OrderBy(x => x, StringComparer.Ordinal), graph.Output.Select(o => o.ToString()).OrderBy(x => x, StringComparer.Ordinal));
            Assert.Empty(graph.Warnings);
            Assert.Equal(1, metadataReads);
            Assert.Equal(graph.Output.Count, again.Output.Count);
            Assert.Equal(1, MetadataListings(host));
        }

        /// <summary>Listings of the metadata started (first pages: the emulator pages the list).</summary>
        private static int MetadataListings(EmulatorHost host) => host.Requests.Entries.Count(e =>
            e.Path.EndsWith("/providers/Microsoft.Security/assessmentMetadata", StringComparison.OrdinalIgnoreCase) && !e.Query.Contains("skiptoken", StringComparison.OrdinalIgnoreCase));
    }
}
