using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.Scenarios
{
    /// <summary>
    /// How a subscription's Defender posture is generated. Every value is a knob of the (seeded)
    /// generator; the data itself is derived, so large estates cost little memory.
    /// </summary>
    public sealed class PostureProfile
    {
        /// <summary>Share of applicable assessments that are healthy (0-1).</summary>
        public double Hygiene { get; set; } = 0.7;
        /// <summary>About how many assessments the subscription holds; resources are added until it is reached.</summary>
        public int Assessments { get; set; } = 40;
        public int Alerts { get; set; } = 3;
        /// <summary>Defender plans on the Standard tier; null means a typical set.</summary>
        public List<string>? Plans { get; set; }
        /// <summary>False: Microsoft.Security is not registered, so every Security call fails with MissingSubscriptionRegistration.</summary>
        public bool SecurityRegistered { get; set; } = true;
        /// <summary>False: secure score has not been computed yet (no ascScore).</summary>
        public bool ScoreReady { get; set; } = true;
        public int Standards { get; set; } = 2;
        public int ControlsPerStandard { get; set; } = 8;
        public int AssessmentsPerControl { get; set; } = 3;
        public bool SecurityContact { get; set; } = true;
        public bool JitPolicy { get; set; } = true;
        public string Location { get; set; } = "westeurope";

        public static readonly IReadOnlyList<string> TypicalPlans = new[] { "VirtualMachines", "StorageAccounts", "KeyVaults", "Arm", "CloudPosture" };
    }
}
