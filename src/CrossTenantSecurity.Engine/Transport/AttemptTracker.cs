using System;
using System.Threading;
using Azure.Core;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// What a read's current try is doing, as the per-try governor sees it: in flight since when, or not in flight
    /// (not sent yet, held back after a 429, or waiting to retry); and how many tries the retry loop saw time out. Attached to the message before it is sent and only
    /// updated through its own fields afterwards, so the gateway can watch it while the pipeline runs.
    /// </summary>
    internal sealed class AttemptTracker
    {
        private const long NotInFlight = long.MinValue;

        private readonly TimeProvider _time;
        private long _inFlightSince = NotInFlight; // a timestamp of _time
        private int _held;
        private int _tries;
        private int _timeOuts;

        public AttemptTracker(TimeProvider time) => _time = time;

        /// <summary>How long the current try has been in flight, or null when none is.</summary>
        public TimeSpan? CurrentTryAge
        {
            get
            {
                long since = Interlocked.Read(ref _inFlightSince);
                return since == NotInFlight ? null : _time.GetElapsedTime(since);
            }
        }

        /// <summary>Whether a try was held back after a 429 on its bucket.</summary>
        public bool WasHeld => Volatile.Read(ref _held) != 0;

        /// <summary>Tries sent so far (a clean read has exactly one).</summary>
        public int Tries => Volatile.Read(ref _tries);

        /// <summary>Tries that ran out of the per-try timeout.</summary>
        public int TimeOuts => Volatile.Read(ref _timeOuts);

        /// <summary>Follows <paramref name="message"/>'s tries from now on.</summary>
        public void AttachTo(HttpMessage message) => message.SetProperty(typeof(AttemptTracker), this);

        public static AttemptTracker? Of(HttpMessage message) =>
            message.TryGetProperty(typeof(AttemptTracker), out object? tracker) ? tracker as AttemptTracker : null;

        public void Held() => Volatile.Write(ref _held, 1);

        public void TrySent()
        {
            Interlocked.Increment(ref _tries);
            Interlocked.Exchange(ref _inFlightSince, _time.GetTimestamp());
        }

        public void TryEnded() => Interlocked.Exchange(ref _inFlightSince, NotInFlight);

        public void TryTimedOut() => Interlocked.Increment(ref _timeOuts);
    }
}
