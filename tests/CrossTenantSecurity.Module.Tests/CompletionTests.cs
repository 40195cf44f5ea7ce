using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Tab completion as a user gets it: TabExpansion2 in a session signed in to the emulator.</summary>
    [Collection(EmulatorCollection.Name)]
    public class CompletionTests
    {
        private const string TailspinRetail = "3c333333-0000-4000-8000-000000000001";
        private readonly ModuleFixture _emulator;

        public CompletionTests(ModuleFixture emulator) => _emulator = emulator;

        private PowerShellSession SignedIn()
        {
            var ps = new PowerShellSession();
            PSResult connect = ps.Connect(_emulator, ModuleFixture.Automation);
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        private static List<CompletionResult> Complete(PowerShellSession ps, string input)
        {
            PSResult result = ps.Run("(TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches", ("s", input));
            Assert.False(result.Failed, result.Describe());
            return result.Objects<CompletionResult>().ToList();
        }

        /// <summary>Listings started: first pages only (the emulator pages these lists, and a listing follows every nextLink).</summary>
        private int Listings(string path) => _emulator.Host.Requests.Count(e => e.Method == "GET" && string.Equals(e.Path, path, StringComparison.OrdinalIgnoreCase)
            && !e.Query.Contains("skiptoken", StringComparison.OrdinalIgnoreCase));

        [Fact]
        public void Tenant_ids_complete_as_guids_and_show_the_tenant_name()
        {
            using PowerShellSession ps = SignedIn();
            List<CompletionResult> all = Complete(ps, "Get-CtSecureScore -TenantId ");
            Assert.Equal(new[] { ModuleFixture.Msp, ModuleFixture.Northwind, ModuleFixture.Tailspin, ModuleFixture.Woodgrove }.Select(g => g.ToString()).OrderBy(t => t),
                all.Select(c => c.CompletionText).OrderBy(t => t));

            CompletionResult northwind = all.Single(c => c.CompletionText == ModuleFixture.Northwind.ToString());
            Assert.Equal("Northwind Traders (22222222…)", northwind.ListItemText);
            Assert.Contains("Northwind Traders", northwind.ToolTip, StringComparison.Ordinal);
            Assert.Contains(ModuleFixture.Northwind.ToString(), northwind.ToolTip, StringComparison.Ordinal);
            Assert.Contains("Customer", northwind.ToolTip, StringComparison.Ordinal);
            Assert.Equal(CompletionResultType.ParameterValue, northwind.ResultType);
        }

        [Theory]
        [InlineData("Get-CtAlert -TenantId north")]
        [InlineData("Get-CtAlert -TenantId NORTHWIND")]
        [InlineData("Get-CtAlert -TenantId 'Northwind Tr")]
        [InlineData("Get-CtAlert -TenantId *wind*trad")]
        [InlineData("Get-CtAlert -TenantId 2222")]
        [InlineData("Get-CtTenant -TenantId north")]
        [InlineData("Get-CtDelegatedSubscription -TenantId north")]
        public void Part_of_a_tenant_name_or_id_narrows_to_that_tenant(string input)
        {
            using PowerShellSession ps = SignedIn();
            CompletionResult only = Assert.Single(Complete(ps, input));
            Assert.Equal(ModuleFixture.Northwind.ToString(), only.CompletionText);
        }

        [Fact]
        public void Part_of_a_subscription_id_narrows_and_the_tooltip_has_name_tenant_and_state()
        {
            using PowerShellSession ps = SignedIn();
            List<CompletionResult> tailspin = Complete(ps, "Get-CtRecommendation -SubscriptionId 3c33");
            Assert.Equal(3, tailspin.Count);
            Assert.All(tailspin, c => Assert.StartsWith("3c333333-", c.CompletionText, StringComparison.Ordinal));

            CompletionResult retail = tailspin.Single(c => c.CompletionText == TailspinRetail);
            Assert.Equal("Tailspin Retail (3c333333…)", retail.ListItemText);
            Assert.Contains("Tailspin Retail", retail.ToolTip, StringComparison.Ordinal);
            Assert.Contains(ModuleFixture.Tailspin.ToString(), retail.ToolTip, StringComparison.Ordinal);
            Assert.Contains("Enabled", retail.ToolTip, StringComparison.Ordinal);

            ps.Run("Get-CtTenant | Out-Null"); // once tenants are cached, subscriptions show their tenant's name too
            Assert.Contains("Tailspin Toys", Complete(ps, "Get-CtRecommendation -SubscriptionId " + TailspinRetail).Single().ToolTip, StringComparison.Ordinal);
        }

        [Fact]
        public void Part_of_a_subscription_name_narrows_and_a_given_tenant_limits_the_list()
        {
            using PowerShellSession ps = SignedIn();
            Assert.Equal(new[] { "Northwind Legacy (2b222222…)" }, Complete(ps, "Get-CtSecureScore -SubscriptionId legacy").Select(c => c.ListItemText));
            Assert.Equal(2, Complete(ps, "Get-CtDefenderPlan -SubscriptionId *prod").Count);

            List<CompletionResult> northwindOnly = Complete(ps, $"Get-CtAlert -TenantId {ModuleFixture.Northwind} -SubscriptionId ");
            Assert.Equal(3, northwindOnly.Count);
            Assert.All(northwindOnly, c => Assert.StartsWith("2b222222-", c.CompletionText, StringComparison.Ordinal));
        }

        [Fact]
        public void Not_signed_in_offers_nothing_and_sends_nothing()
        {
            using var ps = new PowerShellSession();
            _emulator.Host.Requests.Clear();
            Assert.Empty(Complete(ps, "Get-CtSecureScore -TenantId "));
            Assert.Empty(Complete(ps, "Get-CtSecureScore -SubscriptionId 2b"));
            Assert.Empty(Complete(ps, "Get-CtDelegatedSubscription -SubscriptionId "));
            Assert.Equal(0, _emulator.Host.Requests.Total);
        }

        [Fact]
        public void A_process_sign_in_completes_in_every_runspace()
        {
            using var signer = new PowerShellSession();
            try
            {
                Assert.False(signer.Connect(_emulator, ModuleFixture.Automation, "-Scope Process").Failed);
                using var other = new PowerShellSession();
                Assert.Equal(ModuleFixture.Northwind.ToString(), Assert.Single(Complete(other, "Get-CtAlert -TenantId north")).CompletionText);
            }
            finally
            {
                signer.Run("Disconnect-CtAccount -Scope Process");
            }
        }

        [Fact]
        public void A_cold_cache_costs_one_listing_and_later_tabs_and_commands_reuse_it()
        {
            using PowerShellSession ps = SignedIn();
            _emulator.Host.Requests.Clear();

            Assert.Equal(10, Complete(ps, "Get-CtSecureScore -SubscriptionId ").Count);
            Assert.Equal(3, Complete(ps, "Get-CtSecureScore -SubscriptionId 3c").Count);
            Assert.Single(Complete(ps, "Get-CtAlert -SubscriptionId legacy"));
            Assert.Equal(1, Listings("/subscriptions"));

            Assert.Equal(4, Complete(ps, "Get-CtAlert -TenantId ").Count);
            Assert.Single(Complete(ps, "Get-CtAlert -TenantId wood"));
            Assert.Equal(1, Listings("/tenants"));
            IEnumerable<string> armPaths = _emulator.Host.Requests.Entries.Where(e => !e.Path.Contains("/oauth2/", StringComparison.Ordinal)).Select(e => e.Path).Distinct();
            Assert.Equal(new[] { "/subscriptions", "/tenants" }, armPaths.OrderBy(p => p, StringComparer.Ordinal));

            PSResult subscriptions = ps.Run("Get-CtDelegatedSubscription");
            Assert.Equal(8, subscriptions.Output.Count);
            Assert.Equal(1, Listings("/subscriptions"));
            Assert.Equal(1, Listings("/tenants"));
        }

        [Fact]
        public async Task A_slow_listing_does_not_hold_the_prompt_and_fills_the_cache_for_the_next_tab()
        {
            var clock = new HeldClock();
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                CertificateAuthority = PlatformTrust.ProcessAuthority,
                Behaviour = { Latency = true, TimeProvider = clock },
            });
            var principal = host.Scenario.Principals.First(p => p.DisplayName == "contoso-posture-automation");
            using var ps = new PowerShellSession();
            // An access token needs no token request, so only ARM requests meet the held clock. No hedging: one read, one request.
            PSResult connect = ps.Run(@"Add-CtEnvironment -Name HeldEmu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                Connect-CtAccount -Environment HeldEmu -AccessToken $token -TenantId $tenant -DisableReadHedging | Out-Null",
                ("url", host.BaseUrl.AbsoluteUri), ("token", host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId)), ("tenant", ModuleFixture.Msp.ToString()));
            Assert.False(connect.Failed, connect.Describe());

            // The listing cannot finish while the clock is held, so this Tab returned because its wait is bounded.
            Assert.Empty(Complete(ps, "Get-CtSecureScore -SubscriptionId "));
            Assert.Equal(1, host.Requests.InFlight);

            clock.Release();
            List<CompletionResult> later = Complete(ps, "Get-CtSecureScore -SubscriptionId ");
            for (int attempt = 0; later.Count == 0 && attempt < 10; attempt++) later = Complete(ps, "Get-CtSecureScore -SubscriptionId ");
            Assert.Equal(10, later.Count);
            Assert.Equal(1, host.Requests.Count(e => e.Path == "/subscriptions" && !e.Query.Contains("skiptoken", StringComparison.OrdinalIgnoreCase)));
            ps.Run("Remove-CtEnvironment HeldEmu -Confirm:$false");
        }

        [Fact]
        public void Environment_names_complete_for_every_environment_parameter()
        {
            using PowerShellSession ps = SignedIn();
            Assert.Equal(new[] { "AzureChinaCloud", "AzureCloud", "AzureUSGovernment" },
                Complete(ps, "Connect-CtAccount -Environment azure").Select(c => c.CompletionText).OrderBy(n => n));
            Assert.Equal(new[] { "AzureUSGovernment" }, Complete(ps, "Get-CtEnvironment usgov").Select(c => c.CompletionText));
            // Other test classes of this process add -Scope Process environments of their own (EmuLogs...): every one
            // offered must match what was typed, and the signed-in one must be among them.
            List<CompletionResult> offered = Complete(ps, "Remove-CtEnvironment -Name em");
            Assert.All(offered, c => Assert.StartsWith("Em", c.CompletionText, StringComparison.Ordinal));
            CompletionResult emu = Assert.Single(offered, c => c.CompletionText == "Emu");
            Assert.Contains("Process", emu.ToolTip, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Get-CtAlert -Severity ", "High,Informational,Low,Medium")]
        [InlineData("Get-CtAlert -Status ", "Active,Dismissed,InProgress,Resolved")]
        [InlineData("Get-CtRecommendation -Severity ", "High,Low,Medium")]
        [InlineData("Get-CtRecommendation -Status ", "Healthy,NotApplicable,Unhealthy")]
        [InlineData("Set-CtAlertState -State ", "Active,Dismissed,InProgress,Resolved")]
        [InlineData("Get-CtSecureScore -AggregateBy ", "Subscription,Tenant")]
        [InlineData("Get-CtSecureScoreControl -Source ", "Arm,Auto,ResourceGraph")]
        [InlineData("Add-CtEnvironment -Scope ", "CurrentUser,Process")]
        [InlineData("Disconnect-CtAccount -Scope ", "Process,Runspace")]
        [InlineData("Get-CtDefenderPlan -Plan stor", "StorageAccounts")]
        [InlineData("Get-CtDefenderPlan -Plan virtual", "SqlServerVirtualMachines,VirtualMachines")]
        public void Parameters_with_fixed_values_complete_them(string input, string expected)
        {
            using var ps = new PowerShellSession();
            Assert.Equal(expected.Split(','), Complete(ps, input).Select(c => c.CompletionText).OrderBy(v => v, StringComparer.Ordinal));
        }

        [Fact]
        public void Every_scope_parameter_has_a_completer_and_every_value_list_parameter_a_fixed_set()
        {
            using var ps = new PowerShellSession();
            PSResult missing = ps.Run(@"
                foreach ($command in Get-Command -Module CrossTenantSecurity) {
                    foreach ($p in $command.Parameters.Values) {
                        $completer = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }
                        $type = $p.ParameterType
                        if ($type.IsArray) { $type = $type.GetElementType() }
                        $type = [Nullable]::GetUnderlyingType($type) ?? $type   # PowerShell completes Nullable<enum> too
                        $fixed = $type.IsEnum -or ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
                        if ($p.Name -in 'TenantId', 'SubscriptionId', 'Environment' -and $command.Name -ne 'Connect-CtAccount' -and -not $completer) { ""$($command.Name) -$($p.Name): no completer"" }
                        if ($p.Name -eq 'Environment' -and -not $completer) { ""$($command.Name) -$($p.Name): no completer"" }
                        if ($p.Name -in 'Severity', 'Status', 'State', 'Source', 'AggregateBy', 'Scope' -and -not $fixed) { ""$($command.Name) -$($p.Name): not an enum or ValidateSet"" }
                    }
                }");
            Assert.False(missing.Failed, missing.Describe());
            Assert.Empty(missing.Output.Select(o => o.ToString()));
        }
    }
}
