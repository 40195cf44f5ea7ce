using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Scopes
{
    /// <summary>
    /// Runs work over many scopes with at most N at once. Each scope ends as results or as exactly one
    /// failure; one scope's exception never touches another. Cancellation stops new scopes at once and
    /// flows into the requests in flight.
    /// </summary>
    internal static class ScopeFanOut
    {
        public static async Task RunAsync<TScope, TResult>(
            IReadOnlyList<TScope> scopes,
            int maxConcurrency,
            IScopeSink<TResult> sink,
            Func<TScope, CancellationToken, Task> work,
            Func<TScope, Exception, CancellationToken, Task<ScopeFailure>> toFailure,
            CancellationToken cancellationToken)
        {
            int total = scopes.Count, next = -1, done = 0;
            sink.OnProgress(0, total);

            async Task WorkerAsync()
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int index = Interlocked.Increment(ref next);
                    if (index >= total) return;
                    await RunOneAsync(scopes[index], sink, work, toFailure, cancellationToken).ConfigureAwait(false);
                    sink.OnProgress(Interlocked.Increment(ref done), total);
                }
            }

            int workers = Math.Max(1, Math.Min(maxConcurrency, total));
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync, cancellationToken))).ConfigureAwait(false);
        }

        /// <summary>
        /// The same over scopes that are still being listed: workers start on the first scope as soon as it
        /// arrives, so the first results do not wait for the whole list. Progress counts the scopes seen so far.
        /// </summary>
        public static async Task RunAsync<TScope, TResult>(
            ChannelReader<TScope> scopes,
            Func<int> listedSoFar,
            int maxConcurrency,
            IScopeSink<TResult> sink,
            Func<TScope, CancellationToken, Task> work,
            Func<TScope, Exception, CancellationToken, Task<ScopeFailure>> toFailure,
            CancellationToken cancellationToken)
        {
            int done = 0;

            async Task WorkerAsync()
            {
                while (await scopes.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (scopes.TryRead(out TScope? scope))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        await RunOneAsync(scope, sink, work, toFailure, cancellationToken).ConfigureAwait(false);
                        sink.OnProgress(Interlocked.Increment(ref done), listedSoFar());
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, maxConcurrency)).Select(_ => Task.Run(WorkerAsync, cancellationToken))).ConfigureAwait(false);
        }

        /// <summary>One scope: its results, or exactly one failure (cancellation of the whole run is not a failure).</summary>
        private static async Task RunOneAsync<TScope, TResult>(TScope scope, IScopeSink<TResult> sink, Func<TScope, CancellationToken, Task> work,
            Func<TScope, Exception, CancellationToken, Task<ScopeFailure>> toFailure, CancellationToken cancellationToken)
        {
            try
            {
                await work(scope, cancellationToken).ConfigureAwait(false);
            }
            // A CrossTenantException concerns the whole command (an expired sign-in), so it ends the command, not one scope.
            catch (Exception e) when (e is not CrossTenantException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                sink.OnFailure(await toFailure(scope, e, cancellationToken).ConfigureAwait(false));
            }
        }
    }
}
