using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Scenarios;

// Standalone sandbox: dotnet run --project src/CrossTenantSecurity.Emulator -- --help
EmulatorCommandLine line;
try
{
    line = EmulatorCommandLine.Parse(args);
    if (line.ShowHelp)
    {
        Console.WriteLine(EmulatorCommandLine.Usage);
        return 0;
    }
    line.Options.Scenario = ScenarioLoader.Load(line.Scenario);
}
catch (Exception e) when (e is ArgumentException or IOException or FormatException or InvalidDataException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// Ctrl+C, SIGTERM and SIGQUIT all stop the same way: leave the wait, then dispose the host below.
using var stop = new CancellationTokenSource();
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
using PosixSignalRegistration onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
using PosixSignalRegistration onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, RequestStop);

EmulatorHost host = await EmulatorHost.StartAsync(line.Options);
try
{
    EmulatorBanner.Write(Console.Out, host, line.Options);
    if (line.ReadyFile is not null) EmulatorReadyFile.Write(line.ReadyFile, host);
    try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
    Console.WriteLine("Stopping the emulator.");
}
finally
{
    if (line.ReadyFile is not null) File.Delete(line.ReadyFile);
    await host.DisposeAsync();
}
return 0;
