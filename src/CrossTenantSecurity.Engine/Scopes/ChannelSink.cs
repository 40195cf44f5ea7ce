using System;
using System.Threading;
using System.Threading.Channels;

namespace CrossTenantSecurity.Engine.Scopes
{
    /// <summary>Writes listed scopes into a channel for the fan-out, passing everything else to the command's sink.</summary>
    internal sealed class ChannelSink<TScope, TOuter> : IScopeSink<TScope>
    {
        private readonly ChannelWriter<TScope> _writer;
        private readonly IScopeSink<TOuter> _outer;
        private readonly Action<int>? _onListed;
        private int _listed;

        public ChannelSink(ChannelWriter<TScope> writer, IScopeSink<TOuter> outer, Action<int>? onListed = null)
        {
            _writer = writer;
            _outer = outer;
            _onListed = onListed;
        }

        public int Listed => Volatile.Read(ref _listed);

        public void OnResult(TScope item)
        {
            int listed = Interlocked.Increment(ref _listed);
            _writer.TryWrite(item);
            _onListed?.Invoke(listed);
        }

        public void OnFailure(ScopeFailure failure) => _outer.OnFailure(failure);
        public void OnVerbose(string message) => _outer.OnVerbose(message);
        public void OnWarning(string message) => _outer.OnWarning(message);
        public void OnProgress(int done, int total) { }
    }
}
