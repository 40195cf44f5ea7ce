using System;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>A token bucket with a discrete refill: <c>refill</c> tokens once per interval, capped at capacity. Not thread-safe.</summary>
    internal sealed class TokenBucket
    {
        private readonly TimeSpan _interval;
        private DateTimeOffset _lastRefill;

        public TokenBucket(int capacity, int refill, TimeSpan interval, DateTimeOffset now, int? initialTokens = null)
        {
            Capacity = capacity;
            Refill = refill;
            _interval = interval;
            _lastRefill = now;
            Tokens = Math.Clamp(initialTokens ?? capacity, 0, capacity);
        }

        public int Capacity { get; }
        public int Refill { get; }
        public int Tokens { get; private set; }

        /// <summary>Adds the refills of every whole interval since the last one.</summary>
        public int Available(DateTimeOffset now)
        {
            if (now > _lastRefill && _interval > TimeSpan.Zero)
            {
                long intervals = (now - _lastRefill).Ticks / _interval.Ticks;
                if (intervals > 0)
                {
                    Tokens = (int)Math.Min(Capacity, Tokens + intervals * Refill);
                    _lastRefill += TimeSpan.FromTicks(intervals * _interval.Ticks);
                }
            }
            return Tokens;
        }

        public bool TryTake(DateTimeOffset now)
        {
            if (Available(now) < 1) return false;
            Tokens--;
            return true;
        }

        /// <summary>Whole refill intervals until one token is available (the deficit divided by the refill, rounded up).</summary>
        public int IntervalsUntilToken(DateTimeOffset now)
        {
            int deficit = 1 - Available(now);
            return deficit <= 0 ? 0 : (deficit + Refill - 1) / Refill;
        }
    }
}
