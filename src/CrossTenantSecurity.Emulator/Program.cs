using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Scenarios;

// Standalone sandbox: dotnet run --project src/CrossTenantSecurity.Emulator -- [--scenario sample|FILE] [--port N] [--cert-dir DIR] [--log]
//   [--profile calm|realistic|stormy|torture] [--seed N] [--time-scale X] [--latency] [--no-throttling] [--rp-tight]
var options = new EmulatorOptions { Port = 8443 };
string? scenarioArg = null;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--scenario": scenarioArg = Next(); break;
        case "--port": options.Port = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--cert-dir": options.CertificateDirectory = Next(); break;
        case "--log": options.LogRequests = true; break;
        case "--profile": options.Behaviour.FaultProfile = FaultProfiles.Parse(Next()); break;
        case "--seed": options.Behaviour.Seed = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--time-scale": options.Behaviour.TimeScale = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--latency": options.Behaviour.Latency = true; break;
        case "--no-throttling": options.Behaviour.ArmThrottling = false; options.Behaviour.ResourceGraphQuota = false; break;
        case "--rp-tight": options.Behaviour.ProviderThrottling = true; break;
        case "-h" or "--help":
            Console.WriteLine("CrossTenantSecurity emulator: Entra token endpoint and ARM on loopback HTTPS.");
            Console.WriteLine("  --scenario sample|FILE   estate to serve (default: the bundled sample)");
            Console.WriteLine("  --port N                 loopback port (default 8443; 0 picks a free one)");
            Console.WriteLine("  --cert-dir DIR           where to write emulator-ca.pem");
            Console.WriteLine("  --log                    print every request");
            Console.WriteLine("  --profile NAME           transient faults: calm (default), realistic, stormy, torture");
            Console.WriteLine("  --seed N                 seed for every latency, throttle and fault decision (default 1)");
            Console.WriteLine("  --time-scale X           multiply latencies, Retry-After, refills and quota windows (e.g. 0.05)");
            Console.WriteLine("  --latency                Azure-like log-normal latency per endpoint class");
            Console.WriteLine("  --no-throttling          no ARM token buckets and no Resource Graph quota");
            Console.WriteLine("  --rp-tight               provider-layer limit: 400 requests / 5 min per (subscription, action)");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
            return 2;
    }
}

options.Scenario = ScenarioLoader.Load(scenarioArg);
await using EmulatorHost host = await EmulatorHost.StartAsync(options);

Console.WriteLine($"CrossTenantSecurity emulator serving '{host.Scenario.Name}'");
Console.WriteLine($"  URL (ARM and Entra authority): {host.BaseUrl}");
Console.WriteLine($"  Certificate authority (trust it): {host.CertificatePath}");
var behaviour = options.Behaviour;
Console.WriteLine($"  Behaviour: faults {behaviour.FaultProfile}, seed {behaviour.Seed}, time scale {behaviour.TimeScale}, latency {(behaviour.Latency ? "on" : "off")}, " +
    $"throttling {(behaviour.ArmThrottling ? "on" : "off")}{(behaviour.ProviderThrottling ? ", rp-tight" : "")}");
Console.WriteLine("  Sample service principals (sandbox-only secrets):");
foreach (var p in host.Scenario.Principals.Where(p => p.Secret is not null))
{
    string tenant = host.Scenario.Tenants.First(t => t.Id == p.TenantId).DisplayName;
    Console.WriteLine($"    {p.DisplayName,-36} tenant {p.TenantId} ({tenant})  appId {p.AppId}  secret {p.Secret}");
}
var first = host.Scenario.Principals.First(p => p.Secret is not null);
Console.WriteLine();
Console.WriteLine("In another shell (Linux/macOS):");
Console.WriteLine($"  export SSL_CERT_FILE={host.CertificatePath}");
Console.WriteLine("  pwsh");
Console.WriteLine($"  Add-CtEnvironment -Name Emulator -ResourceManagerUrl {host.BaseUrl} -ActiveDirectoryAuthority {host.BaseUrl} -Scope Process");
Console.WriteLine($"  $cred = [pscredential]::new('{first.AppId}', (ConvertTo-SecureString '{first.Secret}' -AsPlainText -Force))");
Console.WriteLine($"  Connect-CtAccount -Environment Emulator -ServicePrincipal -Credential $cred -TenantId {first.TenantId}");
Console.WriteLine("Press Ctrl+C to stop.");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
return 0;
