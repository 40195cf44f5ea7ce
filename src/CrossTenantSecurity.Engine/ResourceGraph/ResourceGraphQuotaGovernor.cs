using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>
    /// Paces every Resource Graph request of one client (one principal) to the service's quota, so callers
    /// wait for the window to reset instead of earning 429s.
    /// <para>
    /// The service counts requests in fixed windows and reports, at admission, the quota left
    /// (x-ms-user-quota-remaining) and the time to the reset (x-ms-user-quota-resets-after). Admission lies
    /// between our send and our receipt, so the reset lies between send + resets-after and receipt +
    /// resets-after; intersecting those bounds over a window's responses pins it down, tells responses of a
    /// new window from late ones of an old window, and the upper bound is a reset we never wait too little for.
    /// </para>
    /// <para>
    /// Requests sent after the one whose response reported the remaining quota, and still in flight, are not
    /// in that report yet, so they count against it. A request may go when remaining - those is above 0;
    /// otherwise it waits for the reset or for any response. After a reset the window is assumed full (the
    /// largest quota seen, 15 at first) until a response says more. Thread-safe; waits are asynchronous and
    /// honour cancellation.
    /// </para>
    /// </summary>
    internal sealed class ResourceGraphQuotaGovernor
    {
        private readonly object _gate = new();
        private readonly TimeProvider _time;
        private readonly Dictionary<long, long> _inFlight = new(); // ticket -> sent at
        private long _lastTicket;
        private int _quota = ResourceGraphApi.DefaultQuota;
        private int _remaining = ResourceGraphApi.DefaultQuota;
        private long _remainingAsOf;
        private bool _windowKnown;
        private long _resetNotBefore;
        private long _resetNotAfter;
        private long? _closedWindowResetNotAfter;
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
                    if (_windowKnown && now >= _resetNotAfter) AssumeFreshWindow();
                    if (_remaining - InFlightAfter(_remainingAsOf) > 0)
                    {
                        long ticket = ++_lastTicket;
                        _inFlight.Add(ticket, now);
                        return ticket;
                    }
                    untilReset = _windowKnown ? _time.GetElapsedTime(now, _resetNotAfter) : null;
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
                if (_inFlight.Remove(ticket, out long sentAt) && headers is { RemainingQuota: int remaining, ResetAfter: TimeSpan resetsAfter })
                    Observe(ticket, sentAt, remaining, resetsAfter);
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
                long now = _time.GetTimestamp();
                long sentAt = _inFlight.Remove(ticket, out long sent) ? sent : now;
                _windowKnown = true;
                _remaining = 0;
                _remainingAsOf = ticket;
                _resetNotBefore = (headers?.ResetAfter is not null ? sentAt : now) + ToTimestampTicks(wait);
                _resetNotAfter = now + ToTimestampTicks(wait);
            }
            Signal();
            return wait;
        }

        private void Observe(long ticket, long sentAt, int remaining, TimeSpan resetsAfter)
        {
            long notBefore = sentAt + ToTimestampTicks(resetsAfter);
            long notAfter = _time.GetTimestamp() + ToTimestampTicks(resetsAfter);
            if (_closedWindowResetNotAfter is long closed && notBefore <= closed) return; // a late answer from a window already over
            _quota = Math.Max(_quota, remaining + 1);
            if (!_windowKnown || notBefore > _resetNotAfter)
            {
                // The first report of a new window.
                _windowKnown = true;
                _resetNotBefore = notBefore;
                _resetNotAfter = notAfter;
                _remaining = remaining;
                _remainingAsOf = ticket;
                return;
            }
            if (notAfter < _resetNotBefore) return; // an older window's report
            _resetNotBefore = Math.Max(_resetNotBefore, notBefore);
            _resetNotAfter = Math.Min(_resetNotAfter, notAfter);
            // Same window, answers out of order: the lowest report is the newest state.
            if (remaining < _remaining || (remaining == _remaining && ticket > _remainingAsOf))
            {
                _remaining = remaining;
                _remainingAsOf = ticket;
            }
        }

        private void AssumeFreshWindow()
        {
            _closedWindowResetNotAfter = _resetNotAfter;
            _windowKnown = false;
            _remaining = _quota;
            // Requests still in flight may be admitted after the reset and so count in the new window: count them
            // against it until their answers say otherwise.
            _remainingAsOf = _inFlight.Count > 0 ? _inFlight.Keys.Min() - 1 : _lastTicket;
        }

        private int InFlightAfter(long ticket) => _inFlight.Keys.Count(t => t > ticket);

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
