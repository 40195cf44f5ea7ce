using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.Json;
using System.Threading.Tasks;
using CrossTenantSecurity.Shell;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Add-CtEnvironment saves for the current user like Az; -Scope Process does not; the file is robust and secret-free.</summary>
    [Collection(EmulatorCollection.Name)]
    public class EnvironmentPersistenceTests
    {
        private const string Stack = "-ResourceManagerUrl https://management.local.azurestack.external/ -ActiveDirectoryAuthority https://adfs.local.azurestack.external/adfs/";
        private readonly ModuleFixture _emulator;

        public EnvironmentPersistenceTests(ModuleFixture emulator) => _emulator = emulator;

        [Fact]
        public void A_saved_environment_is_in_the_file_and_a_new_session_sees_it()
        {
            using var config = new ConfigHomeScope();
            using (var first = new PowerShellSession())
            {
                PSResult added = first.Run($"Add-CtEnvironment -Name StackHub {Stack} -ResourceManagerAudience https://management.adfs.azurestack.local/abc");
                Assert.False(added.Failed, added.Describe());
                Assert.Equal("CurrentUser", Assert.Single(added.Items).Source.ToString());
            }
            Assert.Contains("StackHub", File.ReadAllText(config.FilePath), StringComparison.Ordinal);

            using var second = new PowerShellSession();
            dynamic saved = Assert.Single(second.Run("Get-CtEnvironment -Name StackHub").Items);
            Assert.Equal("CurrentUser", saved.Source.ToString());
            Assert.Equal("https://management.local.azurestack.external/", ((Uri)saved.ResourceManagerUrl).AbsoluteUri);
            Assert.Equal("https://management.adfs.azurestack.local/abc", (string)saved.ResourceManagerAudience);

            File.Delete(config.FilePath); // it really comes from the file, not from memory
            Assert.StartsWith("Environment.NotFound,", Assert.Single(second.Run("Get-CtEnvironment -Name StackHub").Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void A_process_environment_is_not_saved_and_every_runspace_of_the_process_sees_it()
        {
            using var config = new ConfigHomeScope();
            using var first = new PowerShellSession();
            try
            {
                Assert.False(first.Run($"Add-CtEnvironment -Name OnlyHere {Stack} -Scope Process").Failed);
                Assert.False(File.Exists(config.FilePath));

                using var other = new PowerShellSession();
                dynamic seen = Assert.Single(other.Run("Get-CtEnvironment -Name OnlyHere").Items);
                Assert.Equal("Process", seen.Source.ToString());
            }
            finally
            {
                first.Run("Remove-CtEnvironment OnlyHere -Confirm:$false");
            }
            Assert.False(File.Exists(config.FilePath));
        }

        [Theory]
        [InlineData("{ this is not json")]
        [InlineData("{\"version\":1,\"environments\":[{\"name\":\"Plain\",\"resourceManagerUrl\":\"http://insecure/\",\"activeDirectoryAuthority\":\"https://login/\"}]}")]
        [InlineData("[1, 2, 3]")]
        public void A_damaged_file_is_a_warning_and_the_built_ins_still_work(string content)
        {
            using var config = new ConfigHomeScope();
            File.WriteAllText(config.FilePath, content);
            using var ps = new PowerShellSession();

            PSResult listed = ps.Run("Get-CtEnvironment");
            Assert.False(listed.Failed, listed.Describe());
            Assert.NotEmpty(listed.Warnings);
            Assert.Equal(new[] { "AzureChinaCloud", "AzureCloud", "AzureUSGovernment" },
                listed.Items.Where(e => e.Source.ToString() == "BuiltIn").Select(e => (string)e.Name).OrderBy(n => n));
            Assert.DoesNotContain(listed.Items, e => e.Source.ToString() == "CurrentUser");

            // Adding to a damaged file keeps the damaged copy and writes a good file.
            PSResult added = ps.Run($"Add-CtEnvironment -Name AfterDamage {Stack}");
            Assert.False(added.Failed, added.Describe());
            Assert.Contains(added.Warnings, w => w.Contains(".corrupt", StringComparison.Ordinal));
            Assert.Single(Directory.GetFiles(config.Folder, "environments.json.*.corrupt"));
            PSResult after = ps.Run("Get-CtEnvironment -Name AfterDamage");
            Assert.Empty(after.Warnings);
            Assert.Single(after.Output);
        }

        [Fact]
        public void An_unreadable_file_is_a_warning_not_a_crash()
        {
            using var config = new ConfigHomeScope();
            Directory.CreateDirectory(config.FilePath); // a folder where the file should be: reading it fails
            using var ps = new PowerShellSession();
            PSResult listed = ps.Run("Get-CtEnvironment");
            Assert.False(listed.Failed, listed.Describe());
            Assert.Contains(listed.Warnings, w => w.Contains("could not be read", StringComparison.Ordinal));
            Assert.Equal(3, listed.Items.Count(e => e.Source.ToString() == "BuiltIn"));

            PSResult add = ps.Run($"Add-CtEnvironment -Name CannotSave {Stack}");
            Assert.StartsWith("Environment.SaveFailed,", add.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void Remove_deletes_saved_environments_from_the_pipeline_and_refuses_built_in_and_unknown_names()
        {
            using var config = new ConfigHomeScope();
            using var ps = new PowerShellSession();
            Assert.False(ps.Run($"Add-CtEnvironment -Name Lab1 {Stack}; Add-CtEnvironment -Name Lab2 {Stack}").Failed);

            PSResult whatIf = ps.Run("Remove-CtEnvironment -Name Lab1 -WhatIf");
            Assert.False(whatIf.Failed, whatIf.Describe());
            Assert.Single(ps.Run("Get-CtEnvironment -Name Lab1").Output);

            PSResult removed = ps.Run("Get-CtEnvironment -Name Lab* | Remove-CtEnvironment -Confirm:$false");
            Assert.False(removed.Failed, removed.Describe());
            Assert.Empty(ps.Run("Get-CtEnvironment -Name Lab*").Output);
            Assert.DoesNotContain("Lab", File.ReadAllText(config.FilePath), StringComparison.Ordinal);

            ErrorRecord builtIn = Assert.Single(ps.Run("Remove-CtEnvironment -Name AzureCloud -Confirm:$false").Errors);
            Assert.StartsWith("Environment.BuiltIn,CrossTenantSecurity.Commands.RemoveCtEnvironmentCommand", builtIn.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("built-in", builtIn.Exception.Message, StringComparison.Ordinal);
            Assert.Single(ps.Run("Get-CtEnvironment -Name AzureCloud").Output);

            ErrorRecord unknown = Assert.Single(ps.Run("Remove-CtEnvironment -Name NoSuchCloud -Confirm:$false").Errors);
            Assert.StartsWith("Environment.NotFound,", unknown.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.ObjectNotFound, unknown.CategoryInfo.Category);
        }

        [Fact]
        public void The_file_holds_endpoints_only_never_a_secret_or_token()
        {
            using var config = new ConfigHomeScope();
            using var ps = new PowerShellSession();
            var principal = _emulator.Host.Scenario.Principals.First(p => p.DisplayName == "contoso-posture-automation");
            string token = _emulator.Host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId);
            PSResult run = ps.Run(@"Add-CtEnvironment -Name SavedEmu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url | Out-Null
                $cred = [pscredential]::new($appId, [System.Net.NetworkCredential]::new('', $secret).SecurePassword)
                Connect-CtAccount -Environment SavedEmu -ServicePrincipal -Credential $cred -TenantId $tenant | Out-Null
                Get-CtDelegatedSubscription | Out-Null
                Connect-CtAccount -Environment SavedEmu -AccessToken $token -TenantId $tenant | Out-Null
                Get-CtTenant | Out-Null",
                ("url", _emulator.Host.BaseUrl.AbsoluteUri), ("appId", ModuleFixture.Automation.AppId), ("secret", ModuleFixture.Automation.Secret),
                ("tenant", ModuleFixture.Automation.Tenant), ("token", token));
            Assert.False(run.Failed, run.Describe());

            string everything = string.Concat(Directory.GetFiles(config.Folder, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
            Assert.DoesNotContain(ModuleFixture.Automation.Secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[1], everything, StringComparison.Ordinal);

            using JsonDocument saved = JsonDocument.Parse(File.ReadAllText(config.FilePath));
            var keys = saved.RootElement.GetProperty("environments").EnumerateArray().SelectMany(e => e.EnumerateObject().Select(p => p.Name)).Distinct();
            Assert.Equal(new[] { "activeDirectoryAuthority", "defenderEndpointAudience", "defenderEndpointUrl", "graphAudience", "graphUrl", "logAnalyticsAudience", "logAnalyticsUrl", "monitorIngestionAudience", "name", "resourceManagerAudience", "resourceManagerUrl" }, keys.OrderBy(k => k, StringComparer.Ordinal));
        }

        [Fact]
        public void Concurrent_saves_from_many_runspaces_lose_none()
        {
            using var config = new ConfigHomeScope();
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                using var ps = new PowerShellSession();
                PSResult added = ps.Run($"Add-CtEnvironment -Name Parallel{i} {Stack}");
                Assert.False(added.Failed, added.Describe());
            });
            using var check = new PowerShellSession();
            PSResult saved = check.Run("Get-CtEnvironment -Name Parallel*");
            Assert.Empty(saved.Warnings);
            Assert.Equal(8, saved.Output.Count);
            Assert.Empty(Directory.GetFiles(config.Folder, "*.tmp"));
        }

        [Fact]
        public void The_sample_audit_adds_its_emulator_environment_to_the_process_only()
        {
            string sample = Path.Combine(ModuleLocation.RepoRoot, "samples", "Invoke-CtSampleAudit.ps1");
            var adds = Parser.ParseFile(sample, out _, out _)
                .FindAll(a => a is CommandAst c && string.Equals(c.GetCommandName(), "Add-CtEnvironment", StringComparison.OrdinalIgnoreCase), true)
                .Cast<CommandAst>().ToList();
            Assert.NotEmpty(adds);
            Assert.All(adds, add =>
            {
                var elements = add.CommandElements.ToList();
                int scope = elements.FindIndex(e => e is CommandParameterAst p && string.Equals(p.ParameterName, "Scope", StringComparison.OrdinalIgnoreCase));
                Assert.True(scope > 0 && scope + 1 < elements.Count, $"no -Scope in: {add.Extent.Text}");
                Assert.Equal("Process", elements[scope + 1].Extent.Text, ignoreCase: true);
            });
        }

        [Fact]
        public void Without_CT_CONFIG_HOME_the_file_goes_to_the_XDG_config_folder()
        {
            if (OperatingSystem.IsWindows()) return; // %APPDATA% there; not reachable on this build machine
            using var config = new ConfigHomeScope();
            string? xdgBefore = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            Environment.SetEnvironmentVariable(TestConfigHome.Variable, null);
            Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", config.Folder);
            try
            {
                using var ps = new PowerShellSession();
                Assert.False(ps.Run($"Add-CtEnvironment -Name ViaXdg {Stack}").Failed);
                Assert.Contains("ViaXdg", File.ReadAllText(Path.Combine(config.Folder, "CrossTenantSecurity", "environments.json")), StringComparison.Ordinal);
            }
            finally
            {
                Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", xdgBefore);
            }
        }
    }
}
