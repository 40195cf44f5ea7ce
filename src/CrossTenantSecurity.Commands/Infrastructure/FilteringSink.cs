using System;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>Passes on the results that match, noting each one; everything else goes straight through.</summary>
    internal sealed class FilteringSink<T> : IScopeSink<T>
    {
        private readonly IScopeSink<T> _inner;
        private readonly Func<T, bool> _match;
        private readonly Action<T> _onMatch;

        public FilteringSink(IScopeSink<T> inner, Func<T, bool> match, Action<T> onMatch)
        {
            _inner = inner;
            _match = match;
            _onMatch = onMatch;
        }

        public void OnResult(T item)
        {
            if (!_match(item)) return;
            _onMatch(item);
            _inner.OnResult(item);
        }

        public void OnFailure(ScopeFailure failure) => _inner.OnFailure(failure);
        public void OnVerbose(string message) => _inner.OnVerbose(message);
        public void OnWarning(string message) => _inner.OnWarning(message);
        public void OnProgress(int done, int total) => _inner.OnProgress(done, total);
    }
}
