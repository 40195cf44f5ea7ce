using System;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Named transient-fault rates (performance-model.md, "Transient faults").</summary>
    public enum FaultProfile
    {
        /// <summary>No faults: functional tests.</summary>
        Calm,
        Realistic,
        Stormy,
        /// <summary>Azure SDK stress-test rates.</summary>
        Torture,
    }

    public static class FaultProfiles
    {
        public static FaultProfile Parse(string name) => name.ToLowerInvariant() switch
        {
            "calm" => FaultProfile.Calm,
            "realistic" => FaultProfile.Realistic,
            "stormy" => FaultProfile.Stormy,
            "torture" => FaultProfile.Torture,
            _ => throw new ArgumentException($"Unknown fault profile '{name}'. Use calm, realistic, stormy or torture."),
        };
    }
}
