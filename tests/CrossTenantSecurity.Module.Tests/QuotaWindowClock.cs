using System;
using System.Diagnostics;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>
    /// The emulator's clock for a Resource Graph quota test: it stands still while the caller's quota window has room
    /// and runs at wall speed while the window is used up (BehaviourOptions.ResourceGraphQuotaAdmitted says which).
    /// <para>
    /// Standing still, a window cannot reset before it fills, however slowly a busy machine serves pages, so sixteen
    /// requests always overflow it. Running at wall speed once it is used up, its reset happens in wall time, exactly
    /// as far from the filling request as the x-ms-user-quota-resets-after it reported: a client that sends before
    /// that still gets the 429 it would get from Azure. The module's governor keeps its own wall clock; nothing here
    /// reaches into it.
    /// </para>
    /// </summary>
    internal sealed class QuotaWindowClock : TimeProvider
    {
        private readonly object _gate = new();
        private DateTimeOffset _now = DateTimeOffset.UtcNow;
        private long _runningSince;
        private bool _running;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                CatchUp();
                return _now;
            }
        }

        /// <summary>Feed BehaviourOptions.ResourceGraphQuotaAdmitted: the quota left in the window after an admission.</summary>
        public void QuotaLeft(int remaining)
        {
            lock (_gate)
            {
                CatchUp();
                _running = remaining <= 0;
            }
        }

        private void CatchUp()
        {
            long wall = Stopwatch.GetTimestamp();
            if (_running) _now += Stopwatch.GetElapsedTime(_runningSince, wall);
            _runningSince = wall;
        }
    }
}
