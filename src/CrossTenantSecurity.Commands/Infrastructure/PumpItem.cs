using System.Management.Automation;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>Something a worker produced that only the pipeline thread may write.</summary>
    internal abstract class PumpItem
    {
        public abstract void WriteTo(CtCmdlet cmdlet);
    }

    internal sealed class ResultItem : PumpItem
    {
        private readonly object _value;
        public ResultItem(object value) => _value = value;
        public override void WriteTo(CtCmdlet cmdlet) => cmdlet.WriteObject(_value);
    }

    internal sealed class FailureItem : PumpItem
    {
        private readonly ScopeFailure _failure;
        public FailureItem(ScopeFailure failure) => _failure = failure;
        public override void WriteTo(CtCmdlet cmdlet) => cmdlet.WriteError(ErrorRecordFactory.FromScopeFailure(_failure, _failure.Noun ?? cmdlet.ErrorNoun));
    }

    internal sealed class VerboseItem : PumpItem
    {
        private readonly string _message;
        public VerboseItem(string message) => _message = message;
        public override void WriteTo(CtCmdlet cmdlet) => cmdlet.WriteVerbose(_message);
    }

    internal sealed class DebugItem : PumpItem
    {
        private readonly string _message;
        public DebugItem(string message) => _message = message;
        public override void WriteTo(CtCmdlet cmdlet) => cmdlet.WriteDebug(_message);
    }

    internal sealed class WarningItem : PumpItem
    {
        private readonly string _message;
        public WarningItem(string message) => _message = message;
        public override void WriteTo(CtCmdlet cmdlet) => cmdlet.WriteWarning(_message);
    }

    internal sealed class ProgressItem : PumpItem
    {
        private readonly int _done;
        private readonly int _total;
        private readonly string? _status;
        public ProgressItem(int done, int total, string? status = null) { _done = done; _total = total; _status = status; }
        public override void WriteTo(CtCmdlet cmdlet) => cmdlet.ReportProgress(_done, _total, _status);
    }
}
