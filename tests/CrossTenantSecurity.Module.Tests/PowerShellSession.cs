using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CrossTenantSecurity.Shell;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>A hosted PowerShell 7.6 runspace with the assembled module imported.</summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly StringWriter _hostOutput = new();
        private readonly Runspace _runspace;

        static PowerShellSession() => TestConfigHome.Isolate();

        public PowerShellSession(bool import = true)
        {
            _runspace = RunspaceFactory.CreateRunspace(new TextHost(_hostOutput), InitialSessionState.CreateDefault2());
            _runspace.Open();
            if (import)
            {
                PSResult imported = Run("Import-Module $manifest -ErrorAction Stop", ("manifest", ModuleLocation.EnsureManifest()));
                if (imported.Failed) throw new InvalidOperationException("Import-Module failed: " + imported.Describe());
            }
        }

        public PSResult Run(string script, params (string Name, object? Value)[] variables)
        {
            foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
            _hostOutput.GetStringBuilder().Clear();
            using PowerShell ps = PowerShell.Create(_runspace);
            // try/catch sees exactly the errors that terminate a statement, never the non-terminating ones.
            ps.AddScript("$global:__ctTerminating = $null\ntry {\n" + script + "\n} catch { $global:__ctTerminating = $_ }");
            Collection<PSObject> output = new();
            ErrorRecord? terminating = null;
            try
            {
                output = ps.Invoke();
                terminating = _runspace.SessionStateProxy.GetVariable("__ctTerminating") as ErrorRecord;
            }
            catch (RuntimeException e)
            {
                terminating = e.ErrorRecord;
            }
            return new PSResult(output, ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(),
                ps.Streams.Verbose.Select(v => v.Message).ToList(), ps.Streams.Debug.Select(d => d.Message).ToList(),
                _hostOutput.ToString(), terminating);
        }

        /// <summary>Adds the emulator as an environment and signs in with a sample service principal's secret.</summary>
        public PSResult Connect(ModuleFixture emulator, (string Tenant, string AppId, string Secret) principal, string extra = "") =>
            Connect(emulator.Host, principal, extra);

        public PSResult Connect(CrossTenantSecurity.Emulator.EmulatorHost host, (string Tenant, string AppId, string Secret) principal, string extra = "") =>
            Run(@"Add-CtEnvironment -Name Emu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                  $cred = [pscredential]::new($appId, [System.Net.NetworkCredential]::new('', $secret).SecurePassword)
                  Connect-CtAccount -Environment Emu -ServicePrincipal -Credential $cred -TenantId $tenant " + extra,
                ("url", host.BaseUrl.AbsoluteUri), ("appId", principal.AppId), ("secret", principal.Secret), ("tenant", principal.Tenant));

        /// <summary>Starts a script, stops it (as Ctrl+C or a downstream stop would) once the first object arrives, and reports the outcome.</summary>
        public (PSInvocationState State, int Objects, TimeSpan StopTook) StopAfterFirstObject(string script, TimeSpan timeout)
        {
            using PowerShell ps = PowerShell.Create(_runspace);
            ps.AddScript(script);
            var output = new PSDataCollection<PSObject>();
            using var first = new System.Threading.ManualResetEventSlim();
            output.DataAdded += (_, _) => first.Set();
            IAsyncResult running = ps.BeginInvoke<PSObject, PSObject>(null, output);
            if (!first.Wait(timeout)) throw new TimeoutException("No object arrived before the timeout.");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            ps.Stop();
            try { ps.EndInvoke(running); } catch (PipelineStoppedException) { }
            return (ps.InvocationStateInfo.State, output.Count, watch.Elapsed);
        }

        /// <summary>Starts a script and stops it after <paramref name="after"/> (for commands that emit only at the end).</summary>
        public (PSInvocationState State, TimeSpan StopTook) StopAfter(string script, TimeSpan after)
        {
            using PowerShell ps = PowerShell.Create(_runspace);
            ps.AddScript(script);
            IAsyncResult running = ps.BeginInvoke();
            System.Threading.Thread.Sleep(after);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            ps.Stop();
            try { ps.EndInvoke(running); } catch (PipelineStoppedException) { }
            return (ps.InvocationStateInfo.State, watch.Elapsed);
        }

        public void Dispose()
        {
            _runspace.Dispose();
            _hostOutput.Dispose();
        }
    }

    public sealed record PSResult(
        Collection<PSObject> Output, List<ErrorRecord> Errors, List<string> Warnings, List<string> Verbose, List<string> Debug,
        string HostText, ErrorRecord? Terminating)
    {
        public bool Failed => Terminating is not null || Errors.Count > 0;

        public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

        public IEnumerable<dynamic> Items => Output.Select(o => (dynamic)o.BaseObject);

        /// <summary>Every piece of text the command produced, on any stream.</summary>
        public string AllText => string.Join("\n", Output.Select(o => o?.ToString()).Concat(Errors.Select(e => e.ToString() + " " + e.ErrorDetails?.Message + " " + e.Exception))
            .Concat(Warnings).Concat(Verbose).Concat(Debug).Append(HostText).Append(Terminating?.ToString() + " " + Terminating?.Exception));

        public string Describe() => Terminating?.FullyQualifiedErrorId + " " + Terminating?.Exception.Message + " | " + string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message));

        public ErrorRecord TerminatingRecord => Terminating ?? throw new InvalidOperationException("The command did not terminate. " + Describe());
    }
}
