using System;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>At most <c>limit</c> requests per window; a window opens with the first request after the last one closed. Not thread-safe.</summary>
    internal sealed class FixedWindowCounter
    {
        private readonly int _limit;
        private readonly TimeSpan _window;
        private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
        private int _used;

        public FixedWindowCounter(int limit, TimeSpan window)
        {
            _limit = limit;
            _window = window;
        }

        /// <summary>Counts the request if the window has room; a refused request is not counted.</summary>
        public bool TryTake(DateTimeOffset now, out int remaining, out TimeSpan resetsAfter)
        {
            if (now >= _windowEnd)
            {
                _windowEnd = now + _window;
                _used = 0;
            }
            bool allowed = _used < _limit;
            if (allowed) _used++;
            remaining = _limit - _used;
            resetsAfter = _windowEnd - now;
            return allowed;
        }
    }
}
