using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Scopes
{
    /// <summary>
    /// Runs work over the scopes of a <see cref="ScopeSource{TScope}"/> while it is still listing them, so the first
    /// results arrive after its first page. At most <c>maxConcurrency</c> scopes at once; progress is scopes done of
    /// those listed so far. Each listed scope ends as results or as exactly one failure (<c>toFailure</c>), and each
    /// requested scope the source cannot find as its failure. Cancellation, or a failing fan-out, stops the listing too;
    /// a failing listing (e.g. the sign-in expired) ends the run with its exception once the scopes already listed are done.
    /// </summary>
    internal static class StreamingFanOut
    {
        public static async Task RunAsync<TScope, TResult>(
            ScopeSource<TScope> source,
            int maxConcurrency,
            IScopeSink<TResult> sink,
            Func<TScope, CancellationToken, Task> work,
            Func<TScope, Exception, CancellationToken, Task<ScopeFailure>> toFailure,
            CancellationToken cancellationToken,
            Action<int>? listed = null)
        {
            var channel = Channel.CreateUnbounded<TScope>();
            var lister = new ChannelSink<TScope, TResult>(channel.Writer, sink, listed);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task listing = Task.Run(async () =>
            {
                try { await source(lister, stop.Token).ConfigureAwait(false); }
                finally { channel.Writer.TryComplete(); }
            }, stop.Token);
            bool finished = false;
            try
            {
                await ScopeFanOut.RunAsync(channel.Reader, () => lister.Listed, maxConcurrency, sink, work, toFailure, stop.Token).ConfigureAwait(false);
                finished = true;
            }
            finally
            {
                if (!finished)
                {
                    // The fan-out stopped (cancelled or failed): stop listing too, and observe its end.
                    stop.Cancel();
                    try { await listing.ConfigureAwait(false); } catch (Exception) when (stop.IsCancellationRequested) { }
                }
            }
            await listing.ConfigureAwait(false);
        }
    }
}
