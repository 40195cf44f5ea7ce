using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Scopes;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The fan-out over a scope source: work starts as scopes stream in, and every scope ends as data or one failure.</summary>
    public class StreamingFanOutTests
    {
        /// <summary>Guards a test against hanging if the behaviour under test is broken; never an assertion on time.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

        private static Task<ScopeFailure> Failure(string scope, Exception e, CancellationToken ct) => Task.FromResult(FailureMapper.ToFailure(scope, e));

        [Fact]
        public async Task Work_starts_on_the_first_scope_before_the_listing_ends()
        {
            var firstDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task Source(IScopeSink<string> scopes, CancellationToken ct)
            {
                scopes.OnResult("a");
                // The listing goes on only once "a" has been worked on: a fan-out that waited for the whole list would hang here.
                await firstDone.Task.WaitAsync(HangGuard, ct);
                scopes.OnResult("b");
            }
            var sink = new RecordingSink<string>();
            await StreamingFanOut.RunAsync<string, string>(Source, 4, sink, (scope, ct) =>
            {
                sink.OnResult(scope);
                if (scope == "a") firstDone.TrySetResult();
                return Task.CompletedTask;
            }, Failure, CancellationToken.None);

            Assert.Equal(new[] { "a", "b" }, sink.Results);
        }

        [Fact]
        public async Task Every_scope_ends_as_data_or_one_failure_and_missing_ones_as_their_failure()
        {
            Task Source(IScopeSink<string> scopes, CancellationToken ct)
            {
                foreach (string s in new[] { "s1", "s2", "s3", "s4", "s5" }) scopes.OnResult(s);
                scopes.OnFailure(new ScopeFailure("missing", ScopeFailureKind.NotFound, 404, "SubscriptionNotFound", "no such subscription", null, null));
                return Task.CompletedTask;
            }
            var sink = new RecordingSink<string>();
            var progress = new ConcurrentQueue<(int Done, int Listed)>();
            var tracking = new ProgressSink(sink, progress);
            await StreamingFanOut.RunAsync<string, string>(Source, 2, tracking, (scope, ct) =>
            {
                if (scope is "s2" or "s4") throw new InvalidOperationException("broken " + scope);
                tracking.OnResult(scope);
                return Task.CompletedTask;
            }, Failure, CancellationToken.None);

            Assert.Equal(new[] { "s1", "s3", "s5" }, sink.Results.OrderBy(s => s));
            Assert.Equal(new[] { "missing", "s2", "s4" }, sink.Failures.Select(f => f.Scope).OrderBy(s => s));
            Assert.Contains((5, 5), progress);
        }

        [Fact]
        public async Task No_more_scopes_than_maxConcurrency_run_at_once()
        {
            int running = 0, peak = 0;
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task Source(IScopeSink<int> scopes, CancellationToken ct)
            {
                for (int i = 0; i < 12; i++) scopes.OnResult(i);
                return Task.CompletedTask;
            }
            var sink = new RecordingSink<int>();
            await StreamingFanOut.RunAsync<int, int>(Source, 3, sink, async (scope, ct) =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                if (now == 3) release.TrySetResult();
                await release.Task.WaitAsync(HangGuard, ct);
                Interlocked.Decrement(ref running);
                sink.OnResult(scope);
            }, (s, e, ct) => Task.FromResult(FailureMapper.ToFailure(s.ToString(), e)), CancellationToken.None);

            Assert.Equal(12, sink.Results.Count);
            Assert.Equal(3, peak);
        }

        [Fact]
        public async Task Cancellation_stops_the_listing_and_the_work_and_is_no_failure()
        {
            using var cancel = new CancellationTokenSource();
            var listingStopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task Source(IScopeSink<string> scopes, CancellationToken ct)
            {
                scopes.OnResult("a");
                try { await Task.Delay(Timeout.Infinite, ct); }
                finally { listingStopped.TrySetResult(); }
            }
            var sink = new RecordingSink<string>();
            Task run = StreamingFanOut.RunAsync<string, string>(Source, 2, sink, async (scope, ct) =>
            {
                cancel.Cancel();
                await Task.Delay(Timeout.Infinite, ct);
            }, Failure, cancel.Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(HangGuard));
            await listingStopped.Task.WaitAsync(HangGuard);
            Assert.Empty(sink.Failures);
        }

        [Fact]
        public async Task A_failing_listing_ends_the_run_after_the_scopes_it_listed()
        {
            Task Source(IScopeSink<string> scopes, CancellationToken ct)
            {
                scopes.OnResult("a");
                scopes.OnResult("b");
                throw new InvalidOperationException("sign-in expired");
            }
            var sink = new RecordingSink<string>();
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => StreamingFanOut.RunAsync<string, string>(Source, 2, sink, (scope, ct) =>
            {
                sink.OnResult(scope);
                return Task.CompletedTask;
            }, Failure, CancellationToken.None));

            Assert.Equal("sign-in expired", e.Message);
            Assert.Equal(new[] { "a", "b" }, sink.Results.OrderBy(s => s));
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }

        private sealed class ProgressSink : IScopeSink<string>
        {
            private readonly RecordingSink<string> _inner;
            private readonly ConcurrentQueue<(int, int)> _progress;

            public ProgressSink(RecordingSink<string> inner, ConcurrentQueue<(int, int)> progress)
            {
                _inner = inner;
                _progress = progress;
            }

            public void OnResult(string item) => _inner.OnResult(item);
            public void OnFailure(ScopeFailure failure) => _inner.OnFailure(failure);
            public void OnVerbose(string message) => _inner.OnVerbose(message);
            public void OnWarning(string message) => _inner.OnWarning(message);
            public void OnProgress(int done, int total) => _progress.Enqueue((done, total));
        }
    }
}
