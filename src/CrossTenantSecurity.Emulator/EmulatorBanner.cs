using System;
using System.IO;
using System.Linq;

namespace CrossTenantSecurity.Emulator
{
    /// <summary>What the standalone emulator prints at start: where it listens, what it serves, and a recipe to paste into pwsh.</summary>
    public static class EmulatorBanner
    {
        public static void Write(TextWriter output, EmulatorHost host, EmulatorOptions options)
        {
            output.WriteLine($"CrossTenantSecurity emulator serving '{host.Scenario.Name}'");
            output.WriteLine($"  URL (ARM and Entra authority): {host.BaseUrl}");
            output.WriteLine($"  Certificate authority (trust it): {host.CertificatePath}");
            var behaviour = options.Behaviour;
            output.WriteLine($"  Behaviour: faults {behaviour.FaultProfile}, seed {behaviour.Seed}, time scale {behaviour.TimeScale}, latency {(behaviour.Latency ? "on" : "off")}, " +
                $"throttling {(behaviour.ArmThrottling ? "on" : "off")}{(behaviour.ProviderThrottling ? ", rp-tight" : "")}");
            if (behaviour.BodyFaults.Current.Count > 0)
                output.WriteLine($"  Body faults: {string.Join(", ", behaviour.BodyFaults.Current)}");
            output.WriteLine("  Sample service principals (sandbox-only secrets):");
            foreach (var p in host.Scenario.Principals.Where(p => p.Secret is not null))
            {
                string tenant = host.Scenario.Tenants.First(t => t.Id == p.TenantId).DisplayName;
                output.WriteLine($"    {p.DisplayName,-36} tenant {p.TenantId} ({tenant})  appId {p.AppId}  secret {p.Secret}");
            }
            output.WriteLine();
            foreach (string recipeLine in Recipe(host)) output.WriteLine(recipeLine);
            output.WriteLine("Press Ctrl+C to stop.");
        }

        /// <summary>
        /// Start pwsh trusting the CA (.NET reads SSL_CERT_FILE when the process starts), then paste the
        /// PowerShell lines. The module is imported from this repository's build output when there is one.
        /// </summary>
        public static string[] Recipe(EmulatorHost host)
        {
            var first = host.Scenario.Principals.First(p => p.Secret is not null);
            string? manifest = FindBuiltModule();
            return new[]
            {
                "Try it in another shell (Linux/macOS; from the repository use 'dotnet pwsh' after 'dotnet tool restore'):",
                $"  SSL_CERT_FILE={host.CertificatePath} pwsh",
                "Then paste:",
                manifest is null ? "  Import-Module CrossTenantSecurity" : $"  Import-Module '{manifest}'",
                $"  Add-CtEnvironment -Name Emulator -ResourceManagerUrl {host.BaseUrl} -ActiveDirectoryAuthority {host.BaseUrl} -Scope Process " +
                    $"-GraphUrl {host.BaseUrl} -GraphAudience https://graph.microsoft.com -LogAnalyticsUrl {host.BaseUrl} -LogAnalyticsAudience https://api.loganalytics.io " +
                    $"-DefenderEndpointUrl {host.BaseUrl} -DefenderEndpointAudience https://api.securitycenter.microsoft.com",
                $"  $cred = [pscredential]::new('{first.AppId}', (ConvertTo-SecureString '{first.Secret}' -AsPlainText -Force))",
                $"  Connect-CtAccount -Environment Emulator -ServicePrincipal -Credential $cred -TenantId {first.TenantId}",
                "  Get-CtDelegatedSubscription",
            };
        }

        private static string? FindBuiltModule()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string output = Path.Combine(dir.FullName, "out", "CrossTenantSecurity");
                if (File.Exists(Path.Combine(dir.FullName, "CrossTenantSecurity.sln")) && Directory.Exists(output))
                {
                    return Directory.EnumerateFiles(output, "CrossTenantSecurity.psd1", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).LastOrDefault();
                }
            }
            return null;
        }
    }
}
