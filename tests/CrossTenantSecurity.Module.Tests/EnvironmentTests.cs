using System;
using System.Linq;
using System.Management.Automation;

namespace CrossTenantSecurity.Module.Tests
{
    [Collection(EmulatorCollection.Name)]
    public class EnvironmentTests
    {
        [Fact]
        public void Built_in_clouds_are_listed()
        {
            using var ps = new PowerShellSession();
            PSResult result = ps.Run("Get-CtEnvironment | Where-Object Source -eq BuiltIn | ForEach-Object Name");
            Assert.Equal(new[] { "AzureChinaCloud", "AzureCloud", "AzureUSGovernment" }, result.Output.Select(o => o.ToString()).OrderBy(n => n));
            dynamic gov = ps.Run("Get-CtEnvironment -Name AzureUSGovernment").Items.Single();
            Assert.Equal("https://management.usgovcloudapi.net/", ((Uri)gov.ResourceManagerUrl).AbsoluteUri);
        }

        [Fact]
        public void A_custom_cloud_can_be_added_and_found_by_wildcard()
        {
            using var ps = new PowerShellSession();
            PSResult added = ps.Run("Add-CtEnvironment -Name AzureStackLab -ResourceManagerUrl https://management.local.azurestack.external -ActiveDirectoryAuthority https://login.microsoftonline.com/ -ResourceManagerAudience https://management.adfs.azurestack.local/abc -Scope Process");
            Assert.False(added.Failed, added.Describe());
            dynamic env = ps.Run("Get-CtEnvironment -Name azurestack*").Items.Single();
            Assert.Equal("https://management.adfs.azurestack.local/abc", (string)env.ResourceManagerAudience);
            Assert.False((bool)env.IsBuiltIn);
            Assert.Equal("Process", env.Source.ToString());
            ps.Run("Remove-CtEnvironment AzureStackLab -Confirm:$false");
        }

        [Fact]
        public void Plain_http_and_built_in_names_are_refused()
        {
            using var ps = new PowerShellSession();
            PSResult http = ps.Run("Add-CtEnvironment -Name Insecure -ResourceManagerUrl http://127.0.0.1:8080/ -ActiveDirectoryAuthority http://127.0.0.1:8080/");
            Assert.StartsWith("Environment.InsecureUrl,", http.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            PSResult builtIn = ps.Run("Add-CtEnvironment -Name AzureCloud -ResourceManagerUrl https://x/ -ActiveDirectoryAuthority https://y/");
            Assert.StartsWith("Environment.BuiltIn,", builtIn.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void An_unknown_environment_is_a_specific_error()
        {
            using var ps = new PowerShellSession();
            PSResult result = ps.Run("Connect-CtAccount -Environment NoSuchCloud -AccessToken abc");
            Assert.StartsWith("Environment.NotFound,", result.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.ObjectNotFound, result.TerminatingRecord.CategoryInfo.Category);
            PSResult get = ps.Run("Get-CtEnvironment -Name NoSuchCloud");
            Assert.StartsWith("Environment.NotFound,", Assert.Single(get.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public void A_bad_tenant_guid_at_sign_in_is_a_specific_error()
        {
            using var ps = new PowerShellSession();
            PSResult result = ps.Run("Connect-CtAccount -AccessToken abc -TenantId contoso.onmicrosoft.com");
            Assert.StartsWith("Account.InvalidTenantId,", result.TerminatingRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidArgument, result.TerminatingRecord.CategoryInfo.Category);
        }
    }
}
