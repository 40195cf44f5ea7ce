using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>
    /// An emulator clock whose delays never end until the test releases them: with latency on, every request
    /// is held, so "the listing is still running" is a fact of the test rather than a race against the wall clock.
    /// </summary>
    internal sealed class HeldClock : TimeProvider
    {
        private readonly object _gate = new();
        private readonly List<HeldTimer> _pending = new();
        private bool _released;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new HeldTimer(callback, state);
            lock (_gate)
            {
                if (!_released)
                {
                    _pending.Add(timer);
                    return timer;
                }
            }
            ThreadPool.QueueUserWorkItem(_ => timer.Fire());
            return timer;
        }

        /// <summary>Ends every held delay, and every later one at once.</summary>
        public void Release()
        {
            List<HeldTimer> due;
            lock (_gate)
            {
                _released = true;
                due = new List<HeldTimer>(_pending);
                _pending.Clear();
            }
            foreach (HeldTimer timer in due) timer.Fire();
        }

        private sealed class HeldTimer : ITimer
        {
            private readonly TimerCallback _callback;
            private readonly object? _state;
            private int _done;

            public HeldTimer(TimerCallback callback, object? state)
            {
                _callback = callback;
                _state = state;
            }

            public void Fire()
            {
                if (Interlocked.Exchange(ref _done, 1) == 0) _callback(_state);
            }

            public bool Change(TimeSpan dueTime, TimeSpan period) => Volatile.Read(ref _done) == 0;

            public void Dispose() => Interlocked.Exchange(ref _done, 1);

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
