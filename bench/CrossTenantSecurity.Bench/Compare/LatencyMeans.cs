using System;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// Mean latency of each endpoint class as the emulator samples it, times the time scale: the log-normal mean
    /// median·exp(σ²/2) mixed with the uniform tail (probability p, mean (min+max)/2).
    /// </summary>
    internal sealed record LatencyMeans(double ArmReadSeconds, double SecurityListSeconds, double TokenSeconds)
    {
        public static LatencyMeans Scaled(double timeScale) => new(
            Mean(EndpointClass.ArmRead) * timeScale,
            Mean(EndpointClass.SecurityList) * timeScale,
            Mean(EndpointClass.EntraToken) * timeScale);

        public double Of(EndpointClass endpoint) => endpoint switch
        {
            EndpointClass.SecurityList => SecurityListSeconds,
            EndpointClass.EntraToken => TokenSeconds,
            _ => ArmReadSeconds,
        };

        private static double Mean(EndpointClass endpoint)
        {
            LatencyShape shape = LatencyShape.For(endpoint) ?? throw new ArgumentException($"No latency shape for {endpoint}.", nameof(endpoint));
            double body = shape.Median.TotalSeconds * Math.Exp(shape.Sigma * shape.Sigma / 2);
            double tail = (shape.TailMin.TotalSeconds + shape.TailMax.TotalSeconds) / 2;
            return (1 - shape.TailProbability) * body + shape.TailProbability * tail;
        }
    }
}
