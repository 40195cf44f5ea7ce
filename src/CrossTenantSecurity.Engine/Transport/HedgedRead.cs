using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// One GET raced against its hedges (<see cref="ReadHedging"/>): once the newest pending request's current try has been in
    /// flight past the threshold for its kind, and the budget allows, an identical request goes out, up to
    /// <see cref="ReadHedging.MaximumHedgesPerRead"/>. The first success wins and the others are cancelled. "Late" is the
    /// current try's time in flight, so a read is never hedged while it waits to retry (a 503's Retry-After, say) or
    /// while its bucket is held back after a 429, and its retry is hedged if that is late in turn.
    /// </summary>
    internal sealed class HedgedRead
    {
        private static readonly TimeSpan ShortestLook = TimeSpan.FromMilliseconds(50);

        private readonly ReadHedging _hedging;
        private readonly RequestScope _scope;
        private readonly TimeProvider _time;
        private readonly Func<AttemptTracker, CancellationToken, Task<JsonDocument>> _send;
        private readonly Func<bool> _held;

        /// <summary>
        /// A read of <paramref name="scope"/>: <paramref name="send"/> sends one request whose tries the given tracker
        /// follows; <paramref name="held"/> says whether the scope's bucket is held back after a 429 right now (no try is late then).
        /// </summary>
        public HedgedRead(ReadHedging hedging, RequestScope scope, TimeProvider time, Func<AttemptTracker, CancellationToken, Task<JsonDocument>> send, Func<bool> held)
        {
            _hedging = hedging;
            _scope = scope;
            _time = time;
            _send = send;
            _held = held;
        }

        /// <summary>The read's answer; <paramref name="onHedge"/> hears how long the read had taken when each hedge went out.</summary>
        public async Task<JsonDocument> RunAsync(Action<TimeSpan>? onHedge, CancellationToken cancellationToken)
        {
            long started = _time.GetTimestamp();
            TimeSpan? hedgedAt = null;
            _hedging.NoteRead();
            var requests = new List<Request> { Request.Start(_send, _time, cancellationToken) };
            Request? answer = null;
            try
            {
                var pending = new List<Request>(requests);
                Request? firstFailure = null;
                while (true)
                {
                    using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var waits = pending.Select(r => (Task)r.Answer).ToList();
                    bool mayHedge = requests.Count <= ReadHedging.MaximumHedgesPerRead && !cancellationToken.IsCancellationRequested;
                    Task<TimeSpan?>? late = mayHedge ? LateAsync(pending[^1].Tries, stopWatching.Token) : null;
                    if (late is not null) waits.Add(late);
                    Task done = await Task.WhenAny(waits).ConfigureAwait(false);
                    stopWatching.Cancel(); // ends the watch, whichever finished

                    if (done == late)
                    {
                        if (await late.ConfigureAwait(false) is TimeSpan threshold && _hedging.TryStartHedge())
                        {
                            hedgedAt ??= threshold;
                            onHedge?.Invoke(_time.GetElapsedTime(started));
                            Request hedge = Request.Start(_send, _time, cancellationToken);
                            requests.Add(hedge);
                            pending.Add(hedge);
                        }
                        continue;
                    }

                    Request finished = pending.First(r => r.Answer == done);
                    pending.Remove(finished);
                    if (IsAnswer(finished.Answer, cancellationToken))
                    {
                        answer = finished;
                        break;
                    }
                    firstFailure ??= finished;
                    if (pending.Count == 0)
                    {
                        // Every request failed in a way another might not have (a reset connection, retries used up): the first error stands.
                        answer = firstFailure;
                        break;
                    }
                }
            }
            finally
            {
                foreach (Request request in requests) request.End(request == answer);
                foreach (Request request in requests) _hedging.NoteTimedOut(request.Tries.TimeOuts);
            }

            Task<JsonDocument> read = answer!.Answer;
            if (answer != requests[0] && read.Status == TaskStatus.RanToCompletion)
            {
                _hedging.NoteHedgeWon();
                _hedging.RecordOutrun(_scope, hedgedAt!.Value);
            }
            return await read.ConfigureAwait(false);
        }

        /// <summary>A success, or an error that stands whichever request brings it: a 403 or 404 is the service's answer, and a cancelled read is over.</summary>
        private static bool IsAnswer(Task<JsonDocument> finished, CancellationToken cancellationToken) =>
            finished.Status == TaskStatus.RanToCompletion
            || finished.Exception?.InnerException is ServiceRequestException { Status: >= 400 and < 500 and not 408 and not 429 }
            || cancellationToken.IsCancellationRequested;

        /// <summary>
        /// Waits until the request's current try has been in flight past the threshold while a hedge is affordable (the
        /// threshold), or the watch ends (null). Between tries (a retry's back-off, a 429 hold) nothing counts. It looks again at least
        /// every quarter threshold: the threshold falls as the session learns its latencies, and the budget grows.
        /// </summary>
        private async Task<TimeSpan?> LateAsync(AttemptTracker tries, CancellationToken stop)
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    TimeSpan after = _hedging.Threshold(_scope);
                    TimeSpan? age = tries.CurrentTryAge;
                    if (age >= after && !_held() && _hedging.CanHedge) return after;
                    TimeSpan look = TimeSpan.FromTicks(Math.Max(after.Ticks / 4, ShortestLook.Ticks));
                    TimeSpan wait = age is TimeSpan inFlight && inFlight < after && after - inFlight < look ? after - inFlight : look;
                    await Task.Delay(wait, _time, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
            return null;
        }

        /// <summary>One of the identical requests: its answer, its tries, and its own cancellation.</summary>
        private sealed class Request
        {
            private readonly CancellationTokenSource _cancel;

            private Request(CancellationTokenSource cancel, AttemptTracker tries, Task<JsonDocument> answer)
            {
                _cancel = cancel;
                Tries = tries;
                Answer = answer;
            }

            public AttemptTracker Tries { get; }
            public Task<JsonDocument> Answer { get; }

            public static Request Start(Func<AttemptTracker, CancellationToken, Task<JsonDocument>> send, TimeProvider time, CancellationToken cancellationToken)
            {
                var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var tries = new AttemptTracker(time);
                return new Request(cancel, tries, send(tries, cancel.Token));
            }

            /// <summary>
            /// The race is over. A request that lost is cancelled if still running, and its document, should it arrive, is
            /// released and its error observed; the answer is the caller's to read.
            /// </summary>
            public void End(bool isAnswer)
            {
                if (!isAnswer) _cancel.Cancel();
                Answer.ContinueWith(t =>
                {
                    if (!isAnswer && t.Status == TaskStatus.RanToCompletion) t.Result.Dispose();
                    else if (!isAnswer) _ = t.Exception;
                    _cancel.Dispose();
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }
}
