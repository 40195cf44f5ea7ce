using System;
using System.Globalization;
using System.Threading.Tasks;
using CrossTenantSecurity.Bench;

// dotnet run -c Release --project bench/CrossTenantSecurity.Bench -- emulator [--scenario S2] [--seconds 10] [--concurrency 32]
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: bench emulator [--scenario S2] [--seconds 10] [--concurrency 32]");
    return 0;
}
string scenario = "S2";
int seconds = 10, concurrency = 32;
for (int i = 1; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--scenario": scenario = Next(); break;
        case "--seconds": seconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}"); return 2;
    }
}
return args[0] switch
{
    "emulator" => await EmulatorStats.RunAsync(scenario, seconds, concurrency),
    _ => Fail(args[0]),
};

static int Fail(string command)
{
    Console.Error.WriteLine($"Unknown command '{command}'.");
    return 2;
}
