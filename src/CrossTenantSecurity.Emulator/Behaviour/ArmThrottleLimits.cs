using System;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>ARM's token-bucket numbers (documented since 2024); defaults are the real ones.</summary>
    public sealed class ArmThrottleLimits
    {
        public int ReadCapacity { get; set; } = 250;
        /// <summary>Read tokens added once per second.</summary>
        public int ReadRefill { get; set; } = 25;
        /// <summary>Writes and deletes each have their own bucket of this size.</summary>
        public int WriteCapacity { get; set; } = 200;
        public int WriteRefill { get; set; } = 10;
        /// <summary>The per-subscription global bucket, shared by all principals, is this many times larger.</summary>
        public int GlobalMultiplier { get; set; } = 15;
        /// <summary>The smallest Retry-After on a 429 (10 s is what Azure sends in practice).</summary>
        public TimeSpan MinimumRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

        public int Capacity(ArmOperation operation) => operation == ArmOperation.Read ? ReadCapacity : WriteCapacity;
        public int Refill(ArmOperation operation) => operation == ArmOperation.Read ? ReadRefill : WriteRefill;
    }
}
