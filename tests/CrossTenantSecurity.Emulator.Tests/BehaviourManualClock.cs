using System;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>A clock that moves only when a test says so. Buckets and windows read GetUtcNow; latency stays off where it is used.</summary>
    internal sealed class BehaviourManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
