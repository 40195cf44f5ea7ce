using System;
using System.Linq;
using CrossTenantSecurity.Emulator.LogAnalytics;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Save-CtPostureSnapshot -LogAnalytics to the emulator's data collection endpoint, read back with Get-CtPostureHistory -Workspace.</summary>
    [Collection(EmulatorCollection.Name)]
    public class LogAnalyticsHistoryTests
    {
        private readonly ModuleFixture _emulator;

        public LogAnalyticsHistoryTests(ModuleFixture emulator) => _emulator = emulator;

        /// <summary>Every service at the emulator's URL; Log Analytics with its real audience, Logs Ingestion with the default one.</summary>
        private PowerShellSession SignedIn()
        {
            var ps = new PowerShellSession();
            PSResult connect = ps.Run(@"Add-CtEnvironment -Name EmuLogs -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -LogAnalyticsUrl $url -LogAnalyticsAudience https://api.loganalytics.io -Scope Process | Out-Null
                  $cred = [pscredential]::new($appId, [System.Net.NetworkCredential]::new('', $secret).SecurePassword)
                  Connect-CtAccount -Environment EmuLogs -ServicePrincipal -Credential $cred -TenantId $tenant | Out-Null",
                ("url", _emulator.Host.BaseUrl.AbsoluteUri), ("appId", ModuleFixture.Automation.AppId), ("secret", ModuleFixture.Automation.Secret), ("tenant", ModuleFixture.Automation.Tenant));
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        [Fact]
        public void A_snapshot_sent_to_the_workspace_reads_back_as_the_same_trend_as_from_SQLite()
        {
            using PowerShellSession ps = SignedIn();
            string db = HistoryTests.TempDatabase();
            (string, object?)[] vars =
            {
                ("db", db), ("dce", _emulator.Host.BaseUrl.AbsoluteUri), ("dcr", LogAnalyticsOptions.DefaultRuleId), ("ws", LogAnalyticsOptions.DefaultWorkspaceId.ToString()),
            };
            PSResult upload = ps.Run(@"$script:snap = Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
                $snap | Save-CtPostureSnapshot -DatabasePath $db -LogAnalytics -DataCollectionEndpoint $dce -DataCollectionRuleId $dcr -WarningAction SilentlyContinue", vars);
            Assert.False(upload.Failed, upload.Describe());
            dynamic sent = Assert.Single(upload.Output).BaseObject;
            Assert.Equal("CrossTenantSecurity.PostureUpload", upload.Output[0].BaseObject.GetType().FullName);
            Assert.Equal(1, (int)sent.BatchCount);
            Assert.True((int)sent.RowCount > 8, "a row per customer and per subscription");
            Assert.Equal(1L, (long)sent.Local.SnapshotId); // SQLite was written too

            foreach (string shape in new[] { "", "-BySubscription" })
            {
                string read = $"Get-CtPostureHistory {shape} -Since $snap.TakenAt.UtcDateTime -Until $snap.TakenAt.UtcDateTime";
                var local = ps.Run(read + " -DatabasePath $db", vars).Items.Select(Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
                PSResult remote = ps.Run(read + " -Workspace $ws", vars);
                Assert.False(remote.Failed, remote.Describe());
                Assert.NotEmpty(local);
                Assert.Equal(local, remote.Items.Select(Key).OrderBy(k => k, StringComparer.Ordinal).ToList());
            }

            int before = ps.Run("@(Get-CtPostureHistory -Workspace $ws -Metric SecureScore).Count", vars).Objects<int>().Single();
            PSResult whatIf = ps.Run("$snap | Save-CtPostureSnapshot -LogAnalytics -DataCollectionEndpoint $dce -DataCollectionRuleId $dcr -NoLocal -WhatIf", vars);
            Assert.False(whatIf.Failed, whatIf.Describe());
            Assert.Empty(whatIf.Output);
            Assert.Equal(before, ps.Run("@(Get-CtPostureHistory -Workspace $ws -Metric SecureScore).Count", vars).Objects<int>().Single());
        }

        [Fact]
        public void A_refused_upload_is_a_terminating_error_naming_the_batch_and_the_code()
        {
            using PowerShellSession ps = SignedIn();
            PSResult refused = ps.Run(@"Get-CtPostureSnapshot -TenantId $t -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                Save-CtPostureSnapshot -LogAnalytics -NoLocal -DataCollectionEndpoint $dce -DataCollectionRuleId dcr-ffffffffffffffffffffffffffffffff",
                ("t", ModuleFixture.Northwind.ToString()), ("dce", _emulator.Host.BaseUrl.AbsoluteUri));
            Assert.Equal("Ingestion.BatchRefused", refused.TerminatingRecord.FullyQualifiedErrorId.Split(',')[0]);
            Assert.StartsWith("Batch 1 of 1 (", refused.TerminatingRecord.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("404 NotFound", refused.TerminatingRecord.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_access_token_sign_in_without_a_Monitor_token_ends_with_Ingestion_TokenRefused_and_sends_nothing()
        {
            using var ps = new PowerShellSession();
            var automation = _emulator.Host.Scenario.Principals.First(p => p.AppId == Guid.Parse(ModuleFixture.Automation.AppId));
            string token = _emulator.Host.IssueToken(ModuleFixture.Msp, automation.ObjectId, automation.AppId);
            PSResult connect = ps.Run(@"Add-CtEnvironment -Name EmuToken -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                Connect-CtAccount -Environment EmuToken -AccessToken $token -TenantId $tenant | Out-Null",
                ("url", _emulator.Host.BaseUrl.AbsoluteUri), ("token", token), ("tenant", ModuleFixture.Msp.ToString()));
            Assert.False(connect.Failed, connect.Describe());
            int before = _emulator.Host.Requests.Entries.Count(e => e.Path.StartsWith("/dataCollectionRules/", StringComparison.Ordinal));

            PSResult refused = ps.Run(@"Get-CtPostureSnapshot -TenantId $t -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                Save-CtPostureSnapshot -LogAnalytics -NoLocal -DataCollectionEndpoint $dce -DataCollectionRuleId $dcr",
                ("t", ModuleFixture.Northwind.ToString()), ("dce", _emulator.Host.BaseUrl.AbsoluteUri), ("dcr", LogAnalyticsOptions.DefaultRuleId));

            Assert.Equal("Ingestion.TokenRefused", refused.TerminatingRecord.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(before, _emulator.Host.Requests.Entries.Count(e => e.Path.StartsWith("/dataCollectionRules/", StringComparison.Ordinal)));
        }

        [Fact]
        public void The_report_draws_a_secure_score_trend_per_customer_from_the_history()
        {
            using PowerShellSession ps = SignedIn();
            string db = HistoryTests.TempDatabase();
            string html = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(db)!, "report.html");
            PSResult run = ps.Run(@"$s = Get-CtPostureSnapshot -TenantId $t -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
                $s | Save-CtPostureSnapshot -DatabasePath $db -WarningAction SilentlyContinue | Out-Null
                $s | Save-CtPostureSnapshot -DatabasePath $db -WarningAction SilentlyContinue | Out-Null
                $s | Export-CtPostureReport -Path $html -DatabasePath $db | Out-Null",
                ("t", ModuleFixture.Northwind.ToString()), ("db", db), ("html", html));
            Assert.False(run.Failed, run.Describe());
            string page = System.IO.File.ReadAllText(html);
            Assert.Contains("<section id=\"trend\">", page, StringComparison.Ordinal);
            Assert.Contains("id=\"chart-trend-" + ModuleFixture.Northwind.ToString("N") + "\"", page, StringComparison.Ordinal);
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(page, "<circle class=\"point\"").Count);
        }

        private static string Key(dynamic p) =>
            $"{p.TenantId}|{p.SubscriptionId}|{p.Metric}|{p.Value}|{p.Change}|{p.TenantName}|{p.SubscriptionName}|{p.SnapshotId}|{((DateTimeOffset)p.TakenAt).ToUnixTimeMilliseconds()}";
    }
}
