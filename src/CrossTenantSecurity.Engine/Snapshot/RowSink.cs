using System;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>Rows of one kind to an action; verbose notes, warnings and failures to the command.</summary>
    internal sealed class RowSink<T> : IScopeSink<T>
    {
        private readonly IScopeSink<PostureSnapshot> _outer;
        private readonly Action<T> _onRow;

        public RowSink(IScopeSink<PostureSnapshot> outer, Action<T> onRow)
        {
            _outer = outer;
            _onRow = onRow;
        }

        public void OnResult(T item) => _onRow(item);
        public void OnFailure(ScopeFailure failure) => _outer.OnFailure(failure);
        public void OnVerbose(string message) => _outer.OnVerbose(message);
        public void OnWarning(string message) => _outer.OnWarning(message);
        public void OnProgress(int done, int total) { }
    }
}
