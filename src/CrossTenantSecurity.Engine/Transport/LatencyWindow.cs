using System;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>The latest few hundred latencies of one kind of request, and their quantiles.</summary>
    internal sealed class LatencyWindow
    {
        private const int Capacity = 512;

        private readonly double[] _milliseconds = new double[Capacity];
        private readonly object _lock = new();
        private int _count;
        private int _next;
        private int _sinceSorted = int.MaxValue;
        private TimeSpan? _cached;
        private double _cachedQuantile = double.NaN;

        public void Add(TimeSpan elapsed)
        {
            lock (_lock)
            {
                _milliseconds[_next] = elapsed.TotalMilliseconds;
                _next = (_next + 1) % Capacity;
                if (_count < Capacity) _count++;
                _sinceSorted++;
            }
        }

        /// <summary>The q-quantile of the window, or null below <paramref name="minimumSamples"/> samples.</summary>
        public TimeSpan? Quantile(double q, int minimumSamples)
        {
            lock (_lock)
            {
                if (_count < minimumSamples) return null;
                // Sorting 512 numbers on every read would cost more than the reads; every 32 new samples is plenty, and while
                // the window is small, every quarter of it.
                if (_sinceSorted < Math.Min(32, Math.Max(1, _count / 4)) && _cachedQuantile.Equals(q)) return _cached;
                var copy = new double[_count];
                Array.Copy(_milliseconds, copy, _count);
                Array.Sort(copy);
                int index = Math.Min(_count - 1, (int)Math.Ceiling(q * _count) - 1);
                _cached = TimeSpan.FromMilliseconds(copy[Math.Max(0, index)]);
                _cachedQuantile = q;
                _sinceSorted = 0;
                return _cached;
            }
        }
    }
}
