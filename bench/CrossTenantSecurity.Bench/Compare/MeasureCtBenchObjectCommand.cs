using System.Management.Automation;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// The end of each audit pipeline in the hosted runspace: notes the time of the first object and which subscription
    /// each object belongs to, then drops it, as a streaming consumer (Export-Csv, a SIEM forwarder) would. Nothing is
    /// kept, so the peak working set is the module's and the engine's, not the benchmark's.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "CtBenchObject")]
    public sealed class MeasureCtBenchObjectCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true)]
        public ModuleObserver Observer { get; set; } = null!;

        [Parameter(Mandatory = true)]
        public string Command { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            if (InputObject is not null) Observer.Record(Command, InputObject);
        }
    }
}
