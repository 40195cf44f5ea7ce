using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrossTenantSecurity.Bench;
using CrossTenantSecurity.Bench.Compare;

// dotnet run -c Release --project bench/CrossTenantSecurity.Bench -- emulator [--scenario S2] [--seconds 10] [--concurrency 32]
// dotnet run -c Release --project bench/CrossTenantSecurity.Bench -- compare [--scenarios S1,S2,S5,S6-realistic,S6-stormy] [--time-scale 0.05] [--seed 1]
//     [--network-timeout max(5, 100 x scale)] [--max-serial-minutes 6] [--out bench/results]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: bench emulator [--scenario S2] [--seconds 10] [--concurrency 32]");
    Console.WriteLine("       bench compare [--scenarios " + string.Join(",", BenchScenario.Default.Select(s => s.Name)) + "] [--time-scale 0.05] [--seed 1]");
    Console.WriteLine("                     [--network-timeout max(5, 100 x scale)] [--max-serial-minutes 6] [--out bench/results] [--module-only]");
    Console.WriteLine("       compare scenarios: " + string.Join(", ", BenchScenario.All.Select(s => s.Name)));
    return 0;
}
string scenario = "S2";
int seconds = 10, concurrency = 32, seed = 1;
double timeScale = 0.05, maxSerialMinutes = 6;
double? networkTimeout = null;
bool moduleOnly = false, probe = false;
string mode = "six";
Uri? url = null;
IReadOnlyList<BenchScenario> scenarios = BenchScenario.Default;
string output = Path.Combine(CrossTenantSecurity.Shell.ModuleLocation.RepoRoot, "bench", "results");
for (int i = 1; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--scenario": scenario = Next(); break;
        case "--seconds": seconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--scenarios": scenarios = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(BenchScenario.Find).ToList(); break;
        case "--time-scale": timeScale = Number(); break;
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--network-timeout": networkTimeout = Number(); break;
        case "--max-serial-minutes": maxSerialMinutes = Number(); break;
        case "--out": output = Path.GetFullPath(Next()); break;
        case "--module-only": moduleOnly = true; break;
        case "--url": url = new Uri(Next()); break;
        case "--probe": probe = true; break; // module-run: start, parse, reply and exit (tests of the child-process start)
        case "--mode": mode = Next(); break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}"); return 2;
    }
}
return args[0] switch
{
    "emulator" => await EmulatorStats.RunAsync(scenario, seconds, concurrency),
    ModuleProcess.Command when probe => ModuleProcess.Probe(),
    ModuleProcess.Command => ModuleProcess.RunChild(url ?? throw new ArgumentException("module-run needs --url."), TimeSpan.FromSeconds(networkTimeout ?? 100), mode),
    "compare" => await CompareCommand.RunAsync(new CompareSettings(scenarios, timeScale, seed, networkTimeout is double given ? TimeSpan.FromSeconds(given) : CompareSettings.DefaultNetworkTimeout(timeScale), maxSerialMinutes, output,
        "bench " + string.Join(" ", args), moduleOnly)),
    _ => Fail(args[0]),
};

static int Fail(string command)
{
    Console.Error.WriteLine($"Unknown command '{command}'.");
    return 2;
}
