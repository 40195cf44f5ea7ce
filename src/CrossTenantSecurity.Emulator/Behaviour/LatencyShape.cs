using System;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Log-normal latency (median, σ of ln) with an optional uniform tail mixture.</summary>
    public sealed record LatencyShape(TimeSpan Median, double Sigma, double TailProbability, TimeSpan TailMin, TimeSpan TailMax)
    {
        /// <summary>The table in performance-model.md ("Latency"). Writes reuse the small-GET shape [A].</summary>
        public static LatencyShape? For(EndpointClass endpoint) => endpoint switch
        {
            EndpointClass.ArmRead or EndpointClass.ArmWrite =>
                new(TimeSpan.FromMilliseconds(200), 0.65, 0.002, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)),
            EndpointClass.SecurityList =>
                new(TimeSpan.FromMilliseconds(800), 0.70, 0.005, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60)),
            EndpointClass.ResourceGraph =>
                new(TimeSpan.FromMilliseconds(600), 0.60, 0, TimeSpan.Zero, TimeSpan.Zero),
            EndpointClass.EntraToken =>
                new(TimeSpan.FromMilliseconds(250), 0.50, 0, TimeSpan.Zero, TimeSpan.Zero),
            _ => null,
        };

        /// <summary>Resource Graph adds this much per returned row [A].</summary>
        public static readonly TimeSpan PerResourceGraphRow = TimeSpan.FromMilliseconds(0.2);
    }
}
