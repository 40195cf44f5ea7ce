using System;
using System.Threading;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>
    /// The command's sink as the snapshot's fan-out sees it: counts subscriptions and kind reads for progress, and
    /// keeps failures that belong to no kind (an unknown -SubscriptionId, a subscription whose step failed outright).
    /// </summary>
    internal sealed class SnapshotProgress : IScopeSink<PostureSnapshot>
    {
        private readonly IScopeSink<PostureSnapshot> _inner;
        private readonly PostureAggregator _aggregator;
        private readonly int _stepsPerSubscription;
        private int _listed, _subscriptionsDone, _stepsDone;

        public SnapshotProgress(IScopeSink<PostureSnapshot> inner, PostureAggregator aggregator, int stepsPerSubscription)
        {
            _inner = inner;
            _aggregator = aggregator;
            _stepsPerSubscription = stepsPerSubscription;
        }

        public void Listed(int count)
        {
            Volatile.Write(ref _listed, count);
            Report();
        }

        public void StepDone()
        {
            Interlocked.Increment(ref _stepsDone);
            Report();
        }

        public void OnResult(PostureSnapshot item) => _inner.OnResult(item);

        public void OnFailure(ScopeFailure failure)
        {
            if (failure.Noun is null) _aggregator.Fail(failure, "PostureSnapshot");
            _inner.OnFailure(failure);
        }

        public void OnVerbose(string message) => _inner.OnVerbose(message);
        public void OnWarning(string message) => _inner.OnWarning(message);

        /// <summary>From the fan-out: subscriptions done of those listed so far.</summary>
        public void OnProgress(int done, int total)
        {
            Volatile.Write(ref _subscriptionsDone, done);
            if (total > Volatile.Read(ref _listed)) Volatile.Write(ref _listed, total);
            Report();
        }

        private void Report()
        {
            int listed = Volatile.Read(ref _listed), done = Volatile.Read(ref _subscriptionsDone), steps = Volatile.Read(ref _stepsDone);
            int totalSteps = listed * _stepsPerSubscription;
            if (_inner is IStepProgressSink detailed) detailed.OnStepProgress(done, listed, Math.Min(steps, totalSteps), totalSteps);
            else _inner.OnProgress(done, listed);
        }
    }
}
