using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Internal.ResourceGraph
{
    /// <summary>
    /// Paces every Resource Graph request of one client (one principal) to the service's quota, so callers
    /// wait for the window to reset instead of earning 429s.
    /// <para>
    /// State: the remaining quota as last reported (x-ms-user-quota-remaining), the ticket of the request
    /// whose response reported it, and when the window resets (x-ms-user-quota-resets-after added to the
    /// time the response arrived, which is never earlier than the real reset). Requests sent after that
    /// ticket and still in flight are not in the report yet, so they count against it. A new request may go
    /// when remaining - those in flight is above 0; otherwise it waits for the reset or for any response.
    /// After the reset the window is assumed full (the largest quota seen, 15 at first) until a response says more.
    /// </para>
    /// Thread-safe; waits are asynchronous and honour cancellation.
    /// </summary>
    internal sealed class ResourceGraphQuotaGovernor
    {
        private readonly object _gate = new();
        private readonly TimeProvider _time;
        private readonly HashSet<long> _inFlight = new();
        private long _lastTicket;
        private int _quota = ResourceGraphApi.DefaultQuota;
        private int _remaining = ResourceGraphApi.DefaultQuota;
        private long _remainingAsOf;
        private long? _resetAt;
        private TimeSpan _window;
        private TaskCompletionSource<bool> _changed = NewSignal();

        public ResourceGraphQuotaGovernor(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

        /// <summary>Waits until the quota has room, then reserves it. Pass the ticket to <see cref="Complete"/> or <see cref="Throttled"/>.</summary>
        public async Task<long> AcquireAsync(Action<string>? verbose, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TimeSpan? untilReset;
                Task changed;
                lock (_gate)
                {
                    long now = _time.GetTimestamp();
                    if (_resetAt is long reset && now >= reset) AssumeFreshWindow();
                    if (_remaining - InFlightAfter(_remainingAsOf) > 0)
                    {
                        long ticket = ++_lastTicket;
                        _inFlight.Add(ticket);
                        return ticket;
                    }
                    untilReset = _resetAt is long r ? _time.GetElapsedTime(now, r) : null;
                    changed = _changed.Task;
                }
                if (untilReset is TimeSpan wait) verbose?.Invoke($"Resource Graph quota used up; waiting {wait.TotalSeconds:F2} s for it to reset.");
                await WaitAsync(untilReset, changed, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>A response arrived (success or an error other than 429); headers may be missing (transport failure).</summary>
        public void Complete(long ticket, QuotaHeaders? headers)
        {
            lock (_gate)
            {
                _inFlight.Remove(ticket);
                if (headers is { RemainingQuota: int remaining, ResetAfter: TimeSpan resetsAfter }) Observe(ticket, remaining, resetsAfter);
            }
            Signal();
        }

        /// <summary>A 429: nobody sends until the reported reset, or else <paramref name="fallback"/>. Returns the wait.</summary>
        public TimeSpan Throttled(long ticket, QuotaHeaders? headers, TimeSpan fallback)
        {
            TimeSpan wait = headers?.ResetAfter ?? headers?.RetryAfter ?? fallback;
            if (wait <= TimeSpan.Zero) wait = TimeSpan.FromMilliseconds(50); // "resets after 00:00:00" yet refused: the reset is a moment away
            lock (_gate)
            {
                _inFlight.Remove(ticket);
                _remaining = 0;
                _remainingAsOf = ticket;
                _resetAt = _time.GetTimestamp() + ToTimestampTicks(wait);
            }
            Signal();
            return wait;
        }

        private void Observe(long ticket, int remaining, TimeSpan resetsAfter)
        {
            if (resetsAfter > _window) _window = resetsAfter;
            _quota = Math.Max(_quota, remaining + 1);
            long resetAt = _time.GetTimestamp() + ToTimestampTicks(resetsAfter);
            // A window opens only after the previous one closed, so a reset much later than the known one is a new window.
            bool newWindow = _resetAt is not long known || resetAt > known + ToTimestampTicks(TimeSpan.FromTicks(_window.Ticks / 2));
            if (newWindow)
            {
                _remaining = remaining;
                _remainingAsOf = ticket;
                _resetAt = resetAt;
                return;
            }
            // Same window: responses arrive out of order, so the lowest report is the newest state.
            if (remaining < _remaining || (remaining == _remaining && ticket > _remainingAsOf))
            {
                _remaining = remaining;
                _remainingAsOf = ticket;
            }
            _resetAt = Math.Min(_resetAt!.Value, resetAt);
        }

        private void AssumeFreshWindow()
        {
            _remaining = _quota;
            _remainingAsOf = _lastTicket;
            _resetAt = null;
        }

        private int InFlightAfter(long ticket) => _inFlight.Count(t => t > ticket);

        private long ToTimestampTicks(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds * _time.TimestampFrequency);

        private void Signal()
        {
            TaskCompletionSource<bool> previous;
            lock (_gate)
            {
                previous = _changed;
                _changed = NewSignal();
            }
            previous.TrySetResult(true);
        }

        private async Task WaitAsync(TimeSpan? untilReset, Task changed, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task delay = Task.Delay(untilReset ?? Timeout.InfiniteTimeSpan, _time, stop.Token);
            await Task.WhenAny(delay, changed).ConfigureAwait(false);
            stop.Cancel(); // ends the timer when a response woke us first
            cancellationToken.ThrowIfCancellationRequested();
        }

        private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
