using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;
using CrossTenantSecurity.Shell;

// ctshell [audit] [--file SCRIPT] [--emulator sample|FILE|none] [--engine auto|hosted|pwsh]
//   audit (default)  runs samples/Invoke-CtSampleAudit.ps1 against the bundled sample estate in the emulator.
string? file = null;
string emulator = "sample";
string engine = "auto";
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "audit": break;
        case "--file": file = Next(); break;
        case "--emulator": emulator = Next(); break;
        case "--engine": engine = Next(); break;
        default:
            Console.Error.WriteLine("usage: ctshell [audit] [--file SCRIPT] [--emulator sample|FILE|none] [--engine auto|hosted|pwsh]");
            return 2;
    }
}
file = Path.GetFullPath(file ?? Path.Combine(ModuleLocation.RepoRoot, "samples", "Invoke-CtSampleAudit.ps1"));
string manifest = ModuleLocation.EnsureManifest();
Environment.SetEnvironmentVariable("CT_MODULE_MANIFEST", manifest);

EmulatorHost? host = null;
if (!string.Equals(emulator, "none", StringComparison.OrdinalIgnoreCase))
{
    // Trust first: the process reads SSL_CERT_FILE once, when the first certificate chain is built
    // (the server's own start-up builds one).
    host = await EmulatorHost.StartAsync(new EmulatorOptions { Scenario = ScenarioLoader.Load(emulator), CertificateAuthority = PlatformTrust.ProcessAuthority });
    var principal = host.Scenario.Principals.First(p => p.Secret is not null);
    Environment.SetEnvironmentVariable("CT_EMULATOR_URL", host.BaseUrl.AbsoluteUri);
    Environment.SetEnvironmentVariable("CT_EMULATOR_TENANT_ID", principal.TenantId.ToString());
    Environment.SetEnvironmentVariable("CT_EMULATOR_APP_ID", principal.AppId?.ToString());
    Environment.SetEnvironmentVariable("CT_EMULATOR_SECRET", principal.Secret);
    Console.WriteLine($"Emulator serving '{host.Scenario.Name}' at {host.BaseUrl} (CA: {host.CertificatePath})");
}

try
{
    string? pwsh = engine is "auto" or "pwsh" ? FindOnPath("pwsh") : null;
    if (engine == "pwsh" && pwsh is null)
    {
        Console.Error.WriteLine("pwsh is not installed; use --engine hosted.");
        return 2;
    }
    return pwsh is not null ? await RunPwshAsync(pwsh, file) : RunHosted(file);
}
finally
{
    if (host is not null) await host.DisposeAsync();
}

static int RunHosted(string script)
{
    Console.WriteLine("Running in a hosted PowerShell 7.6 engine (pwsh not found).");
    // No terminal to interpret colour escapes: render tables as plain text.
    var textHost = new TextHost(Console.Out, supportsVirtualTerminal: !Console.IsOutputRedirected);
    InitialSessionState state = InitialSessionState.CreateDefault2();
    using Runspace runspace = RunspaceFactory.CreateRunspace(textHost, state);
    runspace.Open();
    using PowerShell ps = PowerShell.Create(runspace);
    ps.AddCommand(script);
    ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.All, PipelineResultTypes.Output);
    ps.AddCommand("Out-Default");
    try
    {
        ps.Invoke();
    }
    catch (RuntimeException e)
    {
        Console.Error.WriteLine(e.ErrorRecord?.ToString() ?? e.Message);
        return 1;
    }
    return textHost.ExitCode ?? (ps.InvocationStateInfo.State == PSInvocationState.Failed ? 1 : 0);
}

static async Task<int> RunPwshAsync(string pwsh, string script)
{
    Console.WriteLine($"Running in {pwsh}.");
    var start = new ProcessStartInfo(pwsh) { UseShellExecute = false };
    foreach (string arg in new[] { "-NoProfile", "-NonInteractive", "-File", script }) start.ArgumentList.Add(arg);
    using Process process = Process.Start(start)!;
    await process.WaitForExitAsync();
    return process.ExitCode;
}

static string? FindOnPath(string name)
{
    foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
    {
        foreach (string candidate in new[] { Path.Combine(dir, name), Path.Combine(dir, name + ".exe") })
        {
            if (File.Exists(candidate)) return candidate;
        }
    }
    return null;
}
