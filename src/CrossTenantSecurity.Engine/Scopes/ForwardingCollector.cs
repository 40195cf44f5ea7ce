using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.Scopes
{
    /// <summary>Collects results of one kind while passing failures, verbose and warnings to a sink of another kind.</summary>
    internal sealed class ForwardingCollector<TCollected, TOuter> : IScopeSink<TCollected>
    {
        private readonly IScopeSink<TOuter> _outer;
        private readonly bool _forwardProgress;

        public ForwardingCollector(IScopeSink<TOuter> outer, bool forwardProgress = false)
        {
            _outer = outer;
            _forwardProgress = forwardProgress;
        }

        public List<TCollected> Items { get; } = new List<TCollected>();

        public void OnResult(TCollected item)
        {
            lock (Items) Items.Add(item);
        }

        public void OnFailure(ScopeFailure failure) => _outer.OnFailure(failure);
        public void OnVerbose(string message) => _outer.OnVerbose(message);
        public void OnWarning(string message) => _outer.OnWarning(message);
        public void OnProgress(int done, int total)
        {
            if (_forwardProgress) _outer.OnProgress(done, total);
        }
    }
}
