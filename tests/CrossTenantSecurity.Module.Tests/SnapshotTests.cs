using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Get-CtPostureSnapshot and Export-CtPostureReport against the sample estate: the same numbers as the six cmdlets, failures as data, one customer's report names no other.</summary>
    [Collection(EmulatorCollection.Name)]
    public class SnapshotTests
    {
        private const string NorthwindLegacy = "2b222222-0000-4000-8000-000000000003";
        private const string TailspinAnalytics = "3c333333-0000-4000-8000-000000000002";
        private const string WoodgrovePayments = "4d444444-0000-4000-8000-000000000001";
        private readonly ModuleFixture _emulator;

        public SnapshotTests(ModuleFixture emulator) => _emulator = emulator;

        private PowerShellSession SignedIn()
        {
            var ps = new PowerShellSession();
            PSResult connect = ps.Connect(_emulator, ModuleFixture.Automation);
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        private static string TempDir()
        {
            string dir = Path.Combine(Path.GetTempPath(), "ct-snapshot-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return dir;
        }

        [Fact]
        public void Snapshot_counts_per_customer_equal_what_the_six_cmdlets_return()
        {
            using PowerShellSession ps = SignedIn();
            PSResult taken = ps.Run("Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue");
            Assert.Null(taken.Terminating);
            dynamic snapshot = Assert.Single(taken.Output).BaseObject;
            var tenants = ((IEnumerable<object>)snapshot.Tenants).Cast<dynamic>().ToDictionary(t => (Guid)t.TenantId);
            Assert.Equal(new[] { ModuleFixture.Northwind, ModuleFixture.Tailspin, ModuleFixture.Woodgrove }.OrderBy(g => g), tenants.Keys.OrderBy(g => g));
            Assert.Equal(8, (int)snapshot.SubscriptionCount);
            Assert.Equal(ModuleFixture.Msp, (Guid)snapshot.ManagingTenantId);

            // Secure score per customer: Get-CtSecureScore -AggregateBy Tenant.
            foreach (dynamic expected in ps.Run("Get-CtSecureScore -AggregateBy Tenant -ErrorAction SilentlyContinue").Items)
            {
                dynamic actual = tenants[(Guid)expected.TenantId];
                Assert.Equal((double)expected.Percentage, (double)actual.Percentage);
                Assert.Equal((int)expected.SubscriptionCount, (int)actual.ScoredCount);
                Assert.Equal((int)expected.MissingCount, (int)actual.MissingCount);
                Assert.Equal((long)expected.Weight, (long)actual.Weight);
            }

            // Unhealthy recommendations by severity: Get-CtRecommendation (Unhealthy by default).
            var unhealthy = ps.Run("Get-CtRecommendation -ErrorAction SilentlyContinue -WarningAction SilentlyContinue").Items.ToList();
            foreach (dynamic t in tenants.Values)
            {
                var mine = unhealthy.Where(r => (Guid)r.TenantId == (Guid)t.TenantId).ToList();
                Assert.Equal(mine.Count(r => r.Severity.ToString() == "High"), (int)t.Unhealthy.High);
                Assert.Equal(mine.Count(r => r.Severity.ToString() == "Medium"), (int)t.Unhealthy.Medium);
                Assert.Equal(mine.Count(r => r.Severity.ToString() == "Low"), (int)t.Unhealthy.Low);
            }
            Assert.True((int)snapshot.Unhealthy.Total > 0);

            // Active alerts by severity: Get-CtAlert -Status Active.
            var alerts = ps.Run("Get-CtAlert -Status Active -ErrorAction SilentlyContinue -WarningAction SilentlyContinue").Items.ToList();
            foreach (dynamic t in tenants.Values)
            {
                var mine = alerts.Where(a => (Guid)a.TenantId == (Guid)t.TenantId).ToList();
                Assert.Equal(mine.Count, (int)t.ActiveAlerts.Total);
                Assert.Equal(mine.Count(a => a.Severity.ToString() == "High"), (int)t.ActiveAlerts.High);
            }

            // Plan coverage: Get-CtDefenderPlan, enabled per customer and plan.
            var plans = ps.Run("Get-CtDefenderPlan -ErrorAction SilentlyContinue").Items.ToList();
            foreach (dynamic t in tenants.Values)
            {
                foreach (dynamic coverage in (IEnumerable<object>)t.Plans)
                {
                    var mine = plans.Where(p => (Guid)p.TenantId == (Guid)t.TenantId && (string)p.Plan == (string)coverage.Plan).ToList();
                    Assert.Equal(mine.Count(p => (bool)p.Enabled), (int)coverage.EnabledCount);
                }
            }

            // Compliance per standard: Get-CtRegulatoryCompliance, passed and failed controls summed per customer.
            var standards = ps.Run("Get-CtRegulatoryCompliance -ErrorAction SilentlyContinue").Items.ToList();
            foreach (dynamic t in tenants.Values)
            {
                foreach (dynamic c in (IEnumerable<object>)t.Compliance)
                {
                    var mine = standards.Where(s => (Guid)s.TenantId == (Guid)t.TenantId && (string)s.Standard == (string)c.Standard).ToList();
                    Assert.Equal(mine.Sum(s => (int)s.PassedControls), (int)c.PassedControls);
                    Assert.Equal(mine.Sum(s => (int)s.FailedControls), (int)c.FailedControls);
                }
            }

            // Controls worth most score: Get-CtSecureScoreControl -Top 10.
            var top = ps.Run("Get-CtSecureScoreControl -Top 10 -ErrorAction SilentlyContinue").Items.ToList();
            var snapshotTop = ((IEnumerable<object>)snapshot.TopControls).Cast<dynamic>().ToList();
            Assert.Equal(top.Select(c => (string)c.Name), snapshotTop.Select(c => (string)c.Name));
            Assert.Equal(top.Select(c => (double)c.PotentialIncrease), snapshotTop.Select(c => (double)c.PotentialIncrease));

            // Delegations: every audited subscription's delegations were read.
            int delegations = ps.Run("Get-CtDelegation -ErrorAction SilentlyContinue").Items.Count();
            Assert.Equal(delegations, ((IEnumerable<object>)snapshot.Subscriptions).Cast<dynamic>().Sum(s => (int)s.DelegationCount));
        }

        [Fact]
        public void Every_failed_read_is_data_with_the_kinds_ErrorId_and_a_fix_and_is_also_an_error()
        {
            using PowerShellSession ps = SignedIn();
            PSResult taken = ps.Run("Get-CtPostureSnapshot -WarningAction SilentlyContinue");
            dynamic snapshot = Assert.Single(taken.Output).BaseObject;
            var failures = ((IEnumerable<object>)snapshot.Failures).Cast<dynamic>().ToList();
            Assert.Contains(failures, f => (string)f.ErrorId == "SecureScore.ScoreNotReady" && (string)f.Target == NorthwindLegacy);
            Assert.Contains(failures, f => (string)f.ErrorId == "SecureScore.NotRegistered" && (string)f.Target == TailspinAnalytics && ((string)f.RecommendedAction).Contains("Microsoft.Security"));
            Assert.Contains(failures, f => (string)f.ErrorId == "SecureScore.ResourceGroupOnly" && (string)f.Target == WoodgrovePayments && (Guid)f.TenantId == ModuleFixture.Woodgrove);
            // A subscription without Microsoft.Security fails every Security kind, and only its delegations are read.
            var analytics = failures.Where(f => (string)f.Target == TailspinAnalytics).Select(f => (string)f.PostureKind).OrderBy(k => k).ToList();
            Assert.Equal(new[] { "Alert", "DefenderPlan", "Recommendation", "RegulatoryCompliance", "SecureScore", "SecureScoreControl" }, analytics);
            // The error stream carries the same ids, one per failed read.
            Assert.Equal(failures.Select(f => (string)f.ErrorId).OrderBy(x => x), taken.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).OrderBy(x => x));
            Assert.All(taken.Errors, e => Assert.False(string.IsNullOrEmpty(e.ErrorDetails?.RecommendedAction), e.FullyQualifiedErrorId));
            dynamic analyticsSummary = ((IEnumerable<object>)snapshot.Subscriptions).Cast<dynamic>().Single(s => (string)s.SubscriptionId == TailspinAnalytics);
            Assert.False((bool)analyticsSummary.Audited);
            Assert.Null((double?)analyticsSummary.Percentage);
        }

        [Fact]
        public void Resource_Graph_and_ARM_give_the_same_snapshot()
        {
            using PowerShellSession ps = SignedIn();
            const string Key = @"| ForEach-Object {
                foreach ($t in $_.Tenants) { '{0}|{1}|{2}|{3}|{4}|{5}|{6}' -f $t.TenantId, $t.Percentage, $t.ScoredCount, $t.Unhealthy, $t.ActiveAlerts, (($t.Plans | ForEach-Object { ""$($_.Plan)=$($_.EnabledCount)/$($_.SubscriptionCount)"" }) -join ','), (($t.Compliance | ForEach-Object { ""$($_.Standard)=$($_.PassedControls)/$($_.FailedControls)"" }) -join ',') }
                foreach ($s in $_.Subscriptions) { '{0}|{1}|{2}|{3}|{4}|{5}' -f $s.SubscriptionId, $s.Percentage, $s.HealthyCount, $s.UnhealthyCount, $s.AlertCount, $s.DelegationCount }
                foreach ($f in $_.Failures) { '{0}|{1}' -f $f.ErrorId, $f.Target }
                foreach ($c in $_.TopControls) { '{0}|{1}' -f $c.Name, $c.PotentialIncrease } }";
            string[] Read(string source) => ps.Run($"Get-CtPostureSnapshot -Source {source} -ErrorAction SilentlyContinue -WarningAction SilentlyContinue {Key}")
                .Output.Select(o => o.ToString()).OrderBy(x => x, StringComparer.Ordinal).ToArray();
            _emulator.Host.Requests.Clear();
            string[] graph = Read("ResourceGraph");
            Assert.Contains(_emulator.Host.Requests.Entries, e => e.Path.EndsWith("/Microsoft.ResourceGraph/resources", StringComparison.OrdinalIgnoreCase));
            string[] arm = Read("Arm");
            Assert.True(arm.Length > 20);
            Assert.Equal(arm, graph);
        }

        [Fact]
        public void IncludeDetail_keeps_every_row_and_the_default_keeps_none()
        {
            using PowerShellSession ps = SignedIn();
            dynamic lean = Assert.Single(ps.Run("Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue").Output).BaseObject;
            Assert.Null(lean.Detail);
            dynamic full = Assert.Single(ps.Run("Get-CtPostureSnapshot -IncludeDetail -ErrorAction SilentlyContinue -WarningAction SilentlyContinue").Output).BaseObject;
            int all = ps.Run("Get-CtRecommendation -Status Healthy, Unhealthy, NotApplicable -ErrorAction SilentlyContinue -WarningAction SilentlyContinue").Items.Count();
            Assert.Equal(all, (int)full.Detail.Recommendations.Count);
            Assert.Equal(ps.Run("Get-CtSecureScore -ErrorAction SilentlyContinue").Items.Count(), (int)full.Detail.SecureScores.Count);
        }

        [Fact]
        public void Export_writes_html_json_and_csv_and_a_one_customer_report_names_no_other_customer()
        {
            using PowerShellSession ps = SignedIn();
            string dir = TempDir();
            try
            {
                PSResult all = ps.Run("$s = Get-CtPostureSnapshot -IncludeHome -ErrorAction SilentlyContinue -WarningAction SilentlyContinue; $s | Export-CtPostureReport -Path ($dir + '/all.html') -Format Html, Json, Csv",
                    ("dir", dir));
                Assert.Null(all.Terminating);
                var files = all.Output.Select(o => ((FileInfo)o.BaseObject).Name).ToList();
                Assert.Contains("all.html", files);
                Assert.Contains("all.json", files);
                Assert.Contains("all.subscriptions.csv", files);
                Assert.Contains("all.failures.csv", files);
                string html = File.ReadAllText(Path.Combine(dir, "all.html"));
                Assert.Contains("Northwind Traders", html, StringComparison.Ordinal);
                Assert.Contains("Woodgrove Bank", html, StringComparison.Ordinal);
                using (JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "all.json"))))
                {
                    Assert.Equal(1, json.RootElement.GetProperty("SchemaVersion").GetInt32());
                    Assert.Equal(3 + 1, json.RootElement.GetProperty("Tenants").GetArrayLength()); // three customers and the MSSP's own (-IncludeHome)
                }

                // Everything that identifies the other tenants, from the full snapshot.
                dynamic snapshot = ps.Run("$s").Items.Single();
                var others = new List<string>();
                foreach (dynamic t in (IEnumerable<object>)snapshot.Tenants)
                {
                    // The managing tenant (the MSSP handing the report over) is named in the header; other customers never are.
                    if ((Guid)t.TenantId == ModuleFixture.Northwind || (Guid)t.TenantId == ModuleFixture.Msp) continue;
                    others.Add(((Guid)t.TenantId).ToString());
                    if (t.TenantName is string name) others.Add(name);
                }
                foreach (dynamic s in (IEnumerable<object>)snapshot.Subscriptions)
                {
                    if ((Guid)s.TenantId == ModuleFixture.Northwind) continue;
                    others.Add((string)s.SubscriptionId);
                    if (s.SubscriptionName is string name) others.Add(name);
                }
                Assert.Contains("Tailspin Toys", others);
                Assert.Contains("Woodgrove Payments", others);

                // Narrowed from the piped snapshot, and taken fresh with -TenantId: neither names another customer, in any format.
                PSResult one = ps.Run("$s | Export-CtPostureReport -Path ($dir + '/northwind.html') -TenantId $t -Format Html, Json, Csv; Export-CtPostureReport -Path ($dir + '/fresh.html') -TenantId $t -ErrorAction SilentlyContinue",
                    ("dir", dir), ("t", ModuleFixture.Northwind.ToString()));
                Assert.Null(one.Terminating);
                var written = Directory.GetFiles(dir).Where(f => Path.GetFileName(f).StartsWith("northwind", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("fresh", StringComparison.Ordinal)).ToList();
                Assert.True(written.Count >= 9, string.Join(", ", written));
                foreach (string file in written)
                {
                    string text = File.ReadAllText(file);
                    foreach (string other in others)
                        Assert.False(text.Contains(other, StringComparison.OrdinalIgnoreCase), $"{Path.GetFileName(file)} names '{other}' of another tenant");
                }
                string northwind = File.ReadAllText(Path.Combine(dir, "northwind.html"));
                Assert.Contains("Northwind Traders", northwind, StringComparison.Ordinal);
                Assert.Contains("Northwind Production", northwind, StringComparison.Ordinal);
                Assert.Contains("SecureScore.ScoreNotReady", northwind, StringComparison.Ordinal); // its own failure stays
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void Export_for_a_tenant_that_is_not_in_the_snapshot_is_one_terminating_error()
        {
            using PowerShellSession ps = SignedIn();
            string dir = TempDir();
            try
            {
                PSResult result = ps.Run("Get-CtPostureSnapshot -TenantId $n -ErrorAction SilentlyContinue | Export-CtPostureReport -Path ($dir + '/x.html') -TenantId $w",
                    ("dir", dir), ("n", ModuleFixture.Northwind.ToString()), ("w", ModuleFixture.Woodgrove.ToString()));
                Assert.Equal("PostureReport.TenantNotInSnapshot", result.TerminatingRecord.FullyQualifiedErrorId.Split(',')[0]);
                Assert.False(File.Exists(Path.Combine(dir, "x.html")));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public async Task Hostile_tenant_and_subscription_names_stay_text_in_the_report()
        {
            const string Hostile = "<script>window.__ctPwned=1</script><img src=x onerror=alert(1)>";
            Scenario scenario = ScenarioLoader.LoadSample();
            scenario.Tenants.Single(t => t.Id == ModuleFixture.Tailspin).DisplayName = "Tailspin " + Hostile;
            scenario.Subscriptions.Single(s => s.Id == Guid.Parse("3c333333-0000-4000-8000-000000000001")).DisplayName = "Retail " + Hostile;
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { Scenario = scenario, CertificateAuthority = PlatformTrust.ProcessAuthority });
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(host, ModuleFixture.Automation).Failed);
            string dir = TempDir();
            try
            {
                PSResult result = ps.Run("Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Export-CtPostureReport -Path ($dir + '/r.html')", ("dir", dir));
                Assert.Null(result.Terminating);
                string html = File.ReadAllText(Path.Combine(dir, "r.html"));
                Assert.DoesNotContain("<script>window", html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("Tailspin &lt;script&gt;window.__ctPwned=1&lt;/script&gt;", html, StringComparison.Ordinal);
                Assert.Contains("Retail &lt;script&gt;", html, StringComparison.Ordinal);
                Assert.Equal(1, CountOf(html, "<script>")); // the report's own script, nothing else
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public async Task Two_lanes_per_subscription_keep_requests_in_flight_within_twice_ThrottleLimit_and_a_stop_ends_the_reads()
        {
            var options = new EmulatorOptions { Scenario = ScenarioLoader.Load("generated:tenants=4,subscriptions=40,assessments=60"), CertificateAuthority = PlatformTrust.ProcessAuthority };
            options.Behaviour.Latency = true;
            options.Behaviour.TimeScale = 0.05;
            await using EmulatorHost host = await EmulatorHost.StartAsync(options);
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(host, (EstateGenerator.ManagingTenantId.ToString(), EstateGenerator.AutomationAppId.ToString(), EstateGenerator.AutomationSecret)).Failed);

            host.Requests.Clear();
            PSResult result = ps.Run("Get-CtPostureSnapshot -ThrottleLimit 3 -ErrorAction SilentlyContinue");
            Assert.Null(result.Terminating);
            Assert.Equal(40, (int)((dynamic)result.Output.Single().BaseObject).SubscriptionCount);
            Assert.InRange(host.Requests.PeakInFlight, 4, 7); // both lanes of three subscriptions (and a subscription page still listing), never more

            host.Requests.Clear();
            var stopped = ps.StopAfter("Get-CtPostureSnapshot -ThrottleLimit 4 -ErrorAction SilentlyContinue", TimeSpan.FromMilliseconds(800));
            Assert.Equal(PSInvocationState.Stopped, stopped.State);
            long sentAtStop = host.Requests.Total + host.Requests.InFlight;
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(0, host.Requests.InFlight);
            Assert.True(host.Requests.Total <= sentAtStop, "requests kept being sent after the stop");
        }

        private static int CountOf(string text, string value)
        {
            int count = 0;
            for (int i = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.OrdinalIgnoreCase)) count++;
            return count;
        }
    }
}
