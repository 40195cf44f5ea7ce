using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// The engine's sink on the cmdlet side: workers add typed items to a bounded queue (back-pressure
    /// against a slow pipeline), and the pipeline thread takes them and writes them. Adds honour the
    /// cancellation token, so a stopped pipeline never leaves a worker blocked.
    /// </summary>
    internal sealed class PipelinePump<T> : IScopeSink<T>, IStepProgressSink, IDisposable
    {
        public const int Capacity = 256;
        private readonly BlockingCollection<PumpItem> _queue = new BlockingCollection<PumpItem>(Capacity);
        private readonly CancellationToken _cancellationToken;
        private int _lastProgressDone = -1;

        public PipelinePump(CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
        }

        public void OnResult(T item) => Add(new ResultItem(item!));
        public void OnFailure(ScopeFailure failure) => Add(new FailureItem(failure));
        public void OnVerbose(string message) => Add(new VerboseItem(message));
        public void OnWarning(string message) => Add(new WarningItem(message));

        /// <summary>The engine's HTTP trace (<see cref="Engine.RequestTrace"/>), written with -Debug.</summary>
        public void OnDebug(string message) => Add(new DebugItem(message));

        public void OnProgress(int done, int total)
        {
            // Progress is advisory: skip it rather than block when the queue is full.
            if (Interlocked.Exchange(ref _lastProgressDone, done) == done) return;
            _queue.TryAdd(new ProgressItem(done, total));
        }

        public void OnStepProgress(int scopesDone, int scopesTotal, int stepsDone, int stepsTotal)
        {
            if (Interlocked.Exchange(ref _lastProgressDone, stepsDone) == stepsDone) return;
            _queue.TryAdd(new ProgressItem(stepsDone, stepsTotal, $"{scopesDone} of {scopesTotal} subscriptions, {stepsDone} of {stepsTotal} posture reads (kinds) done"));
        }

        /// <summary>No more items will come; the consuming loop ends once the queue is drained.</summary>
        public void Complete() => _queue.CompleteAdding();

        /// <summary>Items as they arrive, on the pipeline thread.</summary>
        public IEnumerable<PumpItem> Drain() => _queue.GetConsumingEnumerable(_cancellationToken);

        public void Dispose() => _queue.Dispose();

        private void Add(PumpItem item)
        {
            try
            {
                _queue.Add(item, _cancellationToken);
            }
            catch (InvalidOperationException) when (_queue.IsAddingCompleted)
            {
                // The command already finished (stopped); late results are dropped with the pipeline.
            }
        }
    }
}
