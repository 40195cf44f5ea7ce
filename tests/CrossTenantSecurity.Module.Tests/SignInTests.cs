using System;
using System.Linq;
using System.Management.Automation;

namespace CrossTenantSecurity.Module.Tests
{
    [Collection(EmulatorCollection.Name)]
    public class SignInTests
    {
        private readonly ModuleFixture _emulator;

        public SignInTests(ModuleFixture emulator) => _emulator = emulator;

        [Fact]
        public void Service_principal_sign_in_returns_a_context_for_the_managing_tenant()
        {
            using var ps = new PowerShellSession();
            PSResult result = ps.Connect(_emulator, ModuleFixture.Automation);
            Assert.False(result.Failed, result.Describe());
            dynamic context = Assert.Single(result.Items);
            Assert.Equal("CrossTenantSecurity.Context", ((object)context).GetType().FullName);
            Assert.Equal(ModuleFixture.Msp, (Guid)context.TenantId);
            Assert.Equal("Emu", (string)context.Environment);
            Assert.Equal("ServicePrincipal", (string)context.AccountType);
            Assert.Equal(ModuleFixture.Automation.AppId, (string)context.Account);
            Assert.Equal("ClientSecret", context.AuthenticationMethod.ToString());

            PSResult current = ps.Run("Get-CtContext");
            Assert.Equal(ModuleFixture.Msp, (Guid)Assert.Single(current.Items).TenantId);
        }

        [Fact]
        public void Access_token_sign_in_works_with_a_string_or_a_SecureString()
        {
            var principal = _emulator.Host.Scenario.Principals.First(p => p.DisplayName == "contoso-posture-automation");
            string token = _emulator.Host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId);
            using var ps = new PowerShellSession();
            PSResult plain = ps.Run(@"Add-CtEnvironment -Name Emu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                Connect-CtAccount -Environment Emu -AccessToken $token -TenantId $tenant | Out-Null
                @(Get-CtDelegatedSubscription).Count",
                ("url", _emulator.Host.BaseUrl.AbsoluteUri), ("token", token), ("tenant", ModuleFixture.Msp.ToString()));
            Assert.False(plain.Failed, plain.Describe());
            Assert.Equal(8, (int)plain.Output.Single().BaseObject);

            PSResult secure = ps.Run("(Connect-CtAccount -Environment Emu -AccessToken ([System.Net.NetworkCredential]::new('', $token).SecurePassword)).AuthenticationMethod");
            Assert.False(secure.Failed, secure.Describe());
            Assert.Equal("AccessToken", secure.Output.Single().ToString());
            Assert.DoesNotContain(token, plain.AllText + secure.AllText, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("not-a-token", null, "Credential.InvalidAccessToken")]
        [InlineData(null, "expired", "Credential.AccessTokenExpired")]
        [InlineData(null, "https://graph.microsoft.com", "Credential.AccessTokenAudience")]
        public void A_bad_access_token_fails_at_connect_with_the_fix(string? literal, string? kind, string errorId)
        {
            var principal = _emulator.Host.Scenario.Principals.First(p => p.DisplayName == "contoso-posture-automation");
            string token = literal ?? (kind == "expired"
                ? _emulator.Host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId, lifetime: TimeSpan.FromMinutes(-10))
                : _emulator.Host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId, audience: kind));
            using var ps = new PowerShellSession();
            PSResult result = ps.Run(@"Add-CtEnvironment -Name Emu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                Connect-CtAccount -Environment Emu -AccessToken $token -TenantId $tenant",
                ("url", _emulator.Host.BaseUrl.AbsoluteUri), ("token", token), ("tenant", ModuleFixture.Msp.ToString()));
            Assert.StartsWith(errorId + ",", result.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(result.TerminatingRecord.ErrorDetails?.RecommendedAction));
            Assert.DoesNotContain(token, result.AllText, StringComparison.Ordinal);
            Assert.Empty(ps.Run("Get-CtContext").Output);
        }

        [Fact]
        public void A_graph_token_given_beside_the_ARM_token_must_be_for_Graph()
        {
            var principal = _emulator.Host.Scenario.Principals.First(p => p.DisplayName == "contoso-posture-automation");
            string arm = _emulator.Host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId);
            using var ps = new PowerShellSession();
            PSResult result = ps.Run(@"Add-CtEnvironment -Name Emu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -GraphUrl $url -GraphAudience https://graph.microsoft.com -Scope Process | Out-Null
                Connect-CtAccount -Environment Emu -AccessToken $arm -MicrosoftGraphAccessToken $arm -TenantId $tenant",
                ("url", _emulator.Host.BaseUrl.AbsoluteUri), ("arm", arm), ("tenant", ModuleFixture.Msp.ToString()));
            Assert.StartsWith("Credential.AccessTokenAudience,", result.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("-MicrosoftGraphAccessToken", result.TerminatingRecord.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_token_from_another_tenant_is_refused_with_a_specific_error()
        {
            var principal = _emulator.Host.Scenario.Principals.First(p => p.DisplayName == "litware-backup-operator");
            string token = _emulator.Host.IssueToken(principal.TenantId, principal.ObjectId, principal.AppId);
            using var ps = new PowerShellSession();
            PSResult result = ps.Run(@"Add-CtEnvironment -Name Emu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                Connect-CtAccount -Environment Emu -AccessToken $token -TenantId $tenant",
                ("url", _emulator.Host.BaseUrl.AbsoluteUri), ("token", token), ("tenant", ModuleFixture.Msp.ToString()));
            Assert.StartsWith("Credential.TenantMismatch,", result.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.AuthenticationError, result.TerminatingRecord.CategoryInfo.Category);
            Assert.Empty(ps.Run("Get-CtContext").Output);
        }

        [Fact]
        public void A_wrong_secret_fails_sign_in_without_echoing_the_secret()
        {
            using var ps = new PowerShellSession();
            PSResult result = ps.Connect(_emulator, (ModuleFixture.Msp.ToString(), ModuleFixture.Automation.AppId, "definitely-wrong-secret"), "-Verbose -Debug");
            Assert.StartsWith("Credential.SignInFailed,", result.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.True(result.TerminatingRecord.Exception.Message.Contains("AADSTS7000215", StringComparison.Ordinal), result.TerminatingRecord.Exception.Message);
            Assert.DoesNotContain("definitely-wrong-secret", result.AllText, StringComparison.Ordinal);
        }

        [Fact]
        public void Entra_that_cannot_be_reached_says_so_instead_of_blaming_the_secret()
        {
            // A port nothing listens on: the connection is refused before any credential is looked at.
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            using var ps = new PowerShellSession();
            PSResult result = ps.Run(@"Add-CtEnvironment -Name Closed -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                $credential = [pscredential]::new($app, [System.Net.NetworkCredential]::new('', 'any-secret').SecurePassword)
                Connect-CtAccount -Environment Closed -ServicePrincipal -Credential $credential -TenantId $tenant -MaxRetries 0",
                ("url", $"https://127.0.0.1:{port}/"), ("app", ModuleFixture.Automation.AppId), ("tenant", ModuleFixture.Msp.ToString()));
            Assert.StartsWith("Credential.ConnectionFailed,", result.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.ConnectionError, result.TerminatingRecord.CategoryInfo.Category);
            Assert.DoesNotContain("secret", result.TerminatingRecord.ErrorDetails.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void Disconnect_drops_the_session_and_later_commands_say_how_to_sign_in()
        {
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(_emulator, ModuleFixture.Automation).Failed);
            PSResult disconnected = ps.Run("Disconnect-CtAccount -PassThru");
            Assert.Equal(ModuleFixture.Msp, (Guid)Assert.Single(disconnected.Items).TenantId);
            Assert.Empty(ps.Run("Get-CtContext").Output);

            PSResult after = ps.Run("Get-CtTenant");
            Assert.StartsWith("Context.NotConnected,", after.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.AuthenticationError, after.TerminatingRecord.CategoryInfo.Category);
            Assert.Contains("Connect-CtAccount", after.TerminatingRecord.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        }

        [Fact]
        public void No_token_or_secret_appears_on_any_stream_even_with_verbose_and_debug()
        {
            using var ps = new PowerShellSession();
            PSResult connect = ps.Connect(_emulator, ModuleFixture.Automation, "-Verbose -Debug");
            PSResult listing = ps.Run("Get-CtTenant -Verbose -Debug; Get-CtDelegatedSubscription -IncludeHome -Verbose -Debug; Get-CtContext | Out-Default");
            string text = connect.AllText + listing.AllText;
            Assert.NotEmpty(listing.Verbose);
            Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal); // every JWT starts with eyJ
            Assert.DoesNotContain(ModuleFixture.Automation.Secret, text, StringComparison.Ordinal);
        }

        [Fact]
        public void Sessions_in_different_runspaces_are_independent()
        {
            using var msp = new PowerShellSession();
            using var litware = new PowerShellSession();
            Assert.False(msp.Connect(_emulator, ModuleFixture.Automation).Failed);
            Assert.False(litware.Connect(_emulator, ModuleFixture.LitwareOperator).Failed);
            Assert.Equal(8, msp.Run("Get-CtDelegatedSubscription").Output.Count);
            Assert.Single(litware.Run("Get-CtDelegatedSubscription").Output);
        }
    }
}
