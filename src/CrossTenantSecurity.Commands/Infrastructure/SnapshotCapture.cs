using System;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// For commands that take a fresh snapshot as their input (Export-CtPostureReport, Save-CtPostureSnapshot,
    /// Test-CtPosture): keeps the snapshot instead of writing it; errors, warnings and progress still go to the pump.
    /// </summary>
    internal sealed class SnapshotCapture : IScopeSink<PostureSnapshot>, IStepProgressSink
    {
        private readonly IScopeSink<PostureSnapshot> _inner;
        private readonly Action<PostureSnapshot> _capture;

        public SnapshotCapture(IScopeSink<PostureSnapshot> inner, Action<PostureSnapshot> capture)
        {
            _inner = inner;
            _capture = capture;
        }

        public void OnResult(PostureSnapshot item) => _capture(item);
        public void OnFailure(ScopeFailure failure) => _inner.OnFailure(failure);
        public void OnVerbose(string message) => _inner.OnVerbose(message);
        public void OnWarning(string message) => _inner.OnWarning(message);
        public void OnProgress(int done, int total) => _inner.OnProgress(done, total);

        public void OnStepProgress(int scopesDone, int scopesTotal, int stepsDone, int stepsTotal)
        {
            if (_inner is IStepProgressSink detailed) detailed.OnStepProgress(scopesDone, scopesTotal, stepsDone, stepsTotal);
            else _inner.OnProgress(stepsDone, stepsTotal);
        }
    }
}
