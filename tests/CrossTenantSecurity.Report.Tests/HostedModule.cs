using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Shell;

namespace CrossTenantSecurity.Report.Tests
{
    /// <summary>The assembled module in a hosted PowerShell 7.6 runspace, signed in to an emulator.</summary>
    internal sealed class HostedModule : IDisposable
    {
        private readonly StringWriter _host = new();
        private readonly Runspace _runspace;

        public HostedModule(EmulatorHost emulator, string tenant, string appId, string secret)
        {
            _runspace = RunspaceFactory.CreateRunspace(new TextHost(_host), InitialSessionState.CreateDefault2());
            _runspace.Open();
            Run("Import-Module $manifest -ErrorAction Stop", ("manifest", ModuleLocation.EnsureManifest()));
            Run(@"Add-CtEnvironment -Name Emu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                  $cred = [pscredential]::new($appId, [System.Net.NetworkCredential]::new('', $secret).SecurePassword)
                  Connect-CtAccount -Environment Emu -ServicePrincipal -Credential $cred -TenantId $tenant -ErrorAction Stop | Out-Null",
                ("url", emulator.BaseUrl.AbsoluteUri), ("appId", appId), ("secret", secret), ("tenant", tenant));
        }

        /// <summary>Runs a script; a terminating error fails the caller (per-scope errors are the report's data and are ignored here).</summary>
        public Collection<PSObject> Run(string script, params (string Name, object? Value)[] variables)
        {
            foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
            using PowerShell ps = PowerShell.Create(_runspace);
            ps.AddScript(script);
            try
            {
                return ps.Invoke();
            }
            catch (RuntimeException e)
            {
                throw new InvalidOperationException($"'{script.Split('\n')[0]}' failed: {e.Message}", e);
            }
        }

        public void Dispose()
        {
            _runspace.Dispose();
            _host.Dispose();
        }
    }
}
