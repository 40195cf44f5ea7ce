using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Invoke-CtResourceGraphQuery against the emulator's Resource Graph, which serves the same posture as the REST endpoints.</summary>
    [Collection(EmulatorCollection.Name)]
    public class ResourceGraphTests
    {
        private const string SecureScoreQuery = @"securityresources
| where type == ""microsoft.security/securescores""
| extend current = todouble(properties.score.current),
         maxScore = todouble(properties.score.max),
         weight = tolong(properties.weight)
| project tenantId, subscriptionId, current, maxScore,
          percent = iff(maxScore > 0, round(100.0 * current / maxScore, 2), real(null)), weight";

        private const string TailspinRetail = "3c333333-0000-4000-8000-000000000001";
        private readonly ModuleFixture _emulator;

        public ResourceGraphTests(ModuleFixture emulator) => _emulator = emulator;

        private static PowerShellSession SignedIn(Uri emulator, (string Tenant, string AppId, string Secret) principal)
        {
            var ps = new PowerShellSession();
            PSResult connect = ps.Run(@"Add-CtEnvironment -Name Emu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                  $cred = [pscredential]::new($appId, [System.Net.NetworkCredential]::new('', $secret).SecurePassword)
                  Connect-CtAccount -Environment Emu -ServicePrincipal -Credential $cred -TenantId $tenant",
                ("url", emulator.AbsoluteUri), ("appId", principal.AppId), ("secret", principal.Secret), ("tenant", principal.Tenant));
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        [Fact]
        public void Secure_score_rows_match_Get_CtSecureScore_per_subscription_and_carry_tenantId()
        {
            using PowerShellSession ps = SignedIn(_emulator.Host.BaseUrl, ModuleFixture.Automation);
            PSResult graph = ps.Run("Invoke-CtResourceGraphQuery -Query $q", ("q", SecureScoreQuery));
            Assert.Empty(graph.Errors);
            Assert.Empty(graph.Warnings);
            var rows = graph.Output.ToDictionary(r => (string)r.Properties["subscriptionId"].Value);
            var scores = ps.Run("Get-CtSecureScore").Items.ToDictionary(s => (string)s.SubscriptionId);

            Assert.NotEmpty(scores);
            Assert.Equal(scores.Keys.OrderBy(k => k), rows.Keys.OrderBy(k => k));
            foreach (var (subscription, score) in scores)
            {
                PSObject row = rows[subscription];
                Assert.Equal((double)score.Current, (double)row.Properties["current"].Value);
                Assert.Equal(((Guid)score.TenantId).ToString(), (string)row.Properties["tenantId"].Value);
                Assert.Equal("CrossTenantSecurity.ResourceGraphRow", row.TypeNames[0]);
                Assert.Equal(new[] { "tenantId", "subscriptionId", "current", "maxScore", "percent", "weight" }, row.Properties.Select(p => p.Name));
                Assert.IsType<long>(row.Properties["weight"].Value);
            }
        }

        [Fact]
        public void Nested_objects_become_PSCustomObjects_and_First_caps_the_rows()
        {
            using PowerShellSession ps = SignedIn(_emulator.Host.BaseUrl, ModuleFixture.Automation);
            PSResult result = ps.Run("Invoke-CtResourceGraphQuery 'securityresources | where type == \"microsoft.security/assessments\" | project id, properties' -First 3 | ForEach-Object { $_.properties.status.code }");
            Assert.Empty(result.Errors);
            Assert.Equal(3, result.Output.Count);
            Assert.All(result.Output, code => Assert.Contains(code.ToString(), new[] { "Healthy", "Unhealthy", "NotApplicable" }));
        }

        [Fact]
        public void A_principal_sees_only_its_delegations()
        {
            using PowerShellSession ps = SignedIn(_emulator.Host.BaseUrl, ModuleFixture.Reporting);
            PSResult all = ps.Run("Invoke-CtResourceGraphQuery 'resourcecontainers | project id, subscriptionId, tenantId' -IncludeHome");
            Assert.Empty(all.Errors);
            Assert.NotEmpty(all.Output);
            Assert.All(all.Output, r => Assert.Equal(ModuleFixture.Northwind.ToString(), (string)r.Properties["tenantId"].Value));

            PSResult other = ps.Run($"Invoke-CtResourceGraphQuery 'resourcecontainers | project id, tenantId' -SubscriptionId {TailspinRetail}");
            Assert.Empty(other.Output);
            Assert.StartsWith("ResourceGraph.NotFound,", Assert.Single(other.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void Subscriptions_bind_from_the_pipeline()
        {
            using PowerShellSession ps = SignedIn(_emulator.Host.BaseUrl, ModuleFixture.Automation);
            PSResult result = ps.Run($"Get-CtDelegatedSubscription -SubscriptionId {TailspinRetail} | Invoke-CtResourceGraphQuery 'resourcecontainers | project id, subscriptionId'");
            Assert.Empty(result.Errors);
            Assert.NotEmpty(result.Output);
            Assert.All(result.Output, r => Assert.Equal(TailspinRetail, (string)r.Properties["subscriptionId"].Value));
        }

        [Fact]
        public void A_bad_query_is_one_BadRequest_error()
        {
            using PowerShellSession ps = SignedIn(_emulator.Host.BaseUrl, ModuleFixture.Automation);
            PSResult result = ps.Run("Invoke-CtResourceGraphQuery 'securityresources | frobnicate id'");
            Assert.Empty(result.Output);
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.StartsWith("ResourceGraph.BadRequest,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("batch 1 of 1", error.ErrorDetails.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_truncated_query_warns_and_still_returns_its_page()
        {
            using PowerShellSession ps = SignedIn(_emulator.Host.BaseUrl, ModuleFixture.Automation);
            PSResult result = ps.Run("Invoke-CtResourceGraphQuery 'securityresources | project name' -First 5");
            Assert.Empty(result.Errors);
            Assert.Equal(5, result.Output.Count);
            Assert.Contains(result.Warnings, w => w.Contains("does not project the id column", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Paging_past_the_quota_waits_for_resets_with_no_429()
        {
            // Azure's own 15 requests per 5 s, on a clock that stands still until the window is used up and then runs at
            // wall speed (QuotaWindowClock): however long a page takes on a busy machine, the window fills before it can
            // reset, so the governor has to wait; and the reset it waits for happens in wall time, as on Azure. More than
            // 15 requests with no 429 therefore mean the module held a request back until a used-up window reset. (The
            // governor's own wall clock assumes a reset 5 s after the report; only a machine that took 5 s between
            // receiving one page and asking for the next would see no wait.)
            var clock = new QuotaWindowClock();
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                Scenario = ScenarioLoader.Load("generated:tenants=3,subscriptions=640,assessments=5"),
                CertificateAuthority = PlatformTrust.ProcessAuthority,
                Behaviour = { TimeScale = 1.0, TimeProvider = clock, ResourceGraphQuotaAdmitted = clock.QuotaLeft },
            });
            using PowerShellSession ps = SignedIn(host.BaseUrl, ModuleFixture.Automation);

            const string assessments = "securityresources | where type == \"microsoft.security/assessments\"";
            PSResult count = ps.Run("Invoke-CtResourceGraphQuery -Query $q", ("q", assessments + " | summarize total = count()"));
            Assert.Empty(count.Errors);
            long expected = (long)Assert.Single(count.Output).Properties["total"].Value;
            Assert.True(expected > 15_000, $"the estate has only {expected} assessment rows: fewer than 16 pages");

            PSResult rows = ps.Run("Invoke-CtResourceGraphQuery -Query $q -Verbose", ("q", assessments + " | order by id asc | project id, subscriptionId, tenantId"));
            Assert.Empty(rows.Errors);
            Assert.Empty(rows.Warnings);
            Assert.True(rows.Verbose.Any(v => v.Contains("quota used up", StringComparison.Ordinal)), string.Join("\n", rows.Verbose));
            Assert.Equal(expected, rows.Output.Count);
            Assert.Equal(expected, rows.Output.Select(r => (string)r.Properties["id"].Value).Distinct(StringComparer.Ordinal).LongCount());

            Assert.True(host.Requests.Behaviour.Requests(EndpointClass.ResourceGraph) > 16, "expected more Resource Graph pages than one quota window allows");
            Assert.True(0 == host.Requests.Behaviour.Throttled(ThrottleReason.ResourceGraph), string.Join("\n", rows.Verbose));
        }
    }
}
