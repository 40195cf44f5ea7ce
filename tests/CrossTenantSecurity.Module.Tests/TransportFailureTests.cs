using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Certificates;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>
    /// Requests that get no answer, against real sockets: a subscription whose reads hang is Timeout and only that
    /// subscription fails; a Resource Manager nobody listens on is ConnectionFailed; one whose certificate is not trusted
    /// is TlsTrust. Entra is the trusted emulator throughout, so sign-in itself succeeds.
    /// </summary>
    [Collection(EmulatorCollection.Name)]
    public class TransportFailureTests
    {
        private static readonly Guid NorthwindProduction = Guid.Parse("2b222222-0000-4000-8000-000000000001");

        [Fact]
        public async Task A_subscription_whose_reads_hang_is_Timeout_with_the_per_try_limit_and_the_rest_still_returns()
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority });
            host.BodyFaults.Add(new BodyFaultRule(BodyFaultKind.Hang, NorthwindProduction, PostureEndpoint.SecureScores));

            using var ps = new PowerShellSession();
            // One retry, so that a read merely slow on a busy machine is not taken for a hang.
            Assert.False(ps.Connect(host, ModuleFixture.Automation, "-NetworkTimeout 2 -MaxRetries 1").Failed);
            PSResult result = ps.Run("Get-CtSecureScore");

            ErrorRecord timeout = Assert.Single(result.Errors,
                e => PSObject.AsPSObject(e.TargetObject).Properties["SubscriptionId"]?.Value as string == NorthwindProduction.ToString());
            Assert.StartsWith("SecureScore.Timeout,", timeout.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.OperationTimeout, timeout.CategoryInfo.Category);
            Assert.Contains("did not answer within 2 s on any of 2 tries", timeout.Exception.Message, StringComparison.Ordinal);
            Assert.Equal("The service did not answer within 2 s per try; raise -NetworkTimeout (Connect-CtAccount) or retry the command.",
                timeout.ErrorDetails.RecommendedAction);
            Assert.NotEmpty(result.Items);
            Assert.DoesNotContain(result.Items, s => (string)s.SubscriptionId == NorthwindProduction.ToString());
        }

        [Fact]
        public async Task A_resource_manager_nobody_listens_on_is_ConnectionFailed_and_names_the_host()
        {
            await using EmulatorHost entra = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority });
            using var ps = new PowerShellSession();
            PSResult connect = ConnectWithResourceManagerAt(ps, entra, new Uri($"https://127.0.0.1:{ClosedPort()}/"));
            Assert.False(connect.Failed, connect.Describe());

            PSResult result = ps.Run("Get-CtSecureScore");

            ErrorRecord refused = result.TerminatingRecord;
            Assert.StartsWith("SecureScore.ConnectionFailed,", refused.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.ConnectionError, refused.CategoryInfo.Category);
            Assert.Contains("127.0.0.1 could not be reached", refused.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("127.0.0.1", refused.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_resource_manager_whose_certificate_is_not_trusted_is_TlsTrust_and_names_the_trust_store()
        {
            string folder = Directory.CreateTempSubdirectory("ct-untrusted-ca-").FullName;
            try
            {
                await using EmulatorHost entra = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority });
                using EmulatorCertificateAuthority untrusted = EmulatorCertificateAuthority.Create(folder); // never added to SSL_CERT_FILE
                await using EmulatorHost arm = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = untrusted });
                using var ps = new PowerShellSession();
                PSResult connect = ConnectWithResourceManagerAt(ps, entra, arm.BaseUrl);
                Assert.False(connect.Failed, connect.Describe());

                PSResult result = ps.Run("Get-CtSecureScore");

                ErrorRecord untrustedError = result.TerminatingRecord;
                Assert.StartsWith("SecureScore.TlsTrust,", untrustedError.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Equal(ErrorCategory.SecurityError, untrustedError.CategoryInfo.Category);
                Assert.Contains("is not trusted", untrustedError.Exception.Message, StringComparison.Ordinal);
                Assert.Contains("SSL_CERT_FILE", untrustedError.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
                Assert.Equal(0, arm.Requests.Total); // no request got past the handshake
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>Signs in at the emulator's Entra (for a token of its own audience) with Resource Manager somewhere else.</summary>
        private static PSResult ConnectWithResourceManagerAt(PowerShellSession ps, EmulatorHost entra, Uri resourceManager) =>
            ps.Run(@"Add-CtEnvironment -Name Elsewhere -ResourceManagerUrl $arm -ResourceManagerAudience $entra -ActiveDirectoryAuthority $entra -Scope Process | Out-Null
                $cred = [pscredential]::new($appId, [System.Net.NetworkCredential]::new('', $secret).SecurePassword)
                Connect-CtAccount -Environment Elsewhere -ServicePrincipal -Credential $cred -TenantId $tenant -MaxRetries 1",
                ("arm", resourceManager.AbsoluteUri), ("entra", entra.BaseUrl.AbsoluteUri), ("appId", ModuleFixture.Automation.AppId),
                ("secret", ModuleFixture.Automation.Secret), ("tenant", ModuleFixture.Automation.Tenant));

        /// <summary>A loopback port nothing listens on: connecting to it is refused at once.</summary>
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
