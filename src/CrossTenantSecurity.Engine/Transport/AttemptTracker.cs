using System;
using System.Diagnostics;
using System.Threading;
using Azure.Core;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// What a read's current try is doing, as the per-try governor sees it: in flight since when, or not in flight
    /// (not sent yet, held back after a 429, or waiting to retry). Attached to the message before it is sent and only
    /// updated through its own fields afterwards, so the gateway can watch it while the pipeline runs.
    /// </summary>
    internal sealed class AttemptTracker
    {
        private long _inFlightSince; // Stopwatch timestamp; 0 when no try is in flight
        private int _held;
        private int _tries;

        /// <summary>How long the current try has been in flight, or null when none is.</summary>
        public TimeSpan? CurrentTryAge
        {
            get
            {
                long since = Interlocked.Read(ref _inFlightSince);
                return since == 0 ? null : Stopwatch.GetElapsedTime(since);
            }
        }

        /// <summary>Whether a try was held back after a 429 on its subscription.</summary>
        public bool WasHeld => Volatile.Read(ref _held) != 0;

        /// <summary>Tries sent so far (a clean read has exactly one).</summary>
        public int Tries => Volatile.Read(ref _tries);

        public static AttemptTracker AttachTo(HttpMessage message)
        {
            var tracker = new AttemptTracker();
            message.SetProperty(typeof(AttemptTracker), tracker);
            return tracker;
        }

        public static AttemptTracker? Of(HttpMessage message) =>
            message.TryGetProperty(typeof(AttemptTracker), out object? tracker) ? tracker as AttemptTracker : null;

        public void Held() => Volatile.Write(ref _held, 1);

        public void TrySent()
        {
            Interlocked.Increment(ref _tries);
            Interlocked.Exchange(ref _inFlightSince, Stopwatch.GetTimestamp());
        }

        public void TryEnded() => Interlocked.Exchange(ref _inFlightSince, 0);
    }
}
