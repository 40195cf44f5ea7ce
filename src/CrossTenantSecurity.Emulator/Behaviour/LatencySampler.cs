using System;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Turns three uniforms into one latency of a shape (unscaled).</summary>
    internal static class LatencySampler
    {
        public static TimeSpan Sample(LatencyShape shape, double u1, double u2, double u3)
        {
            if (u1 < shape.TailProbability)
            {
                return shape.TailMin + (shape.TailMax - shape.TailMin) * u2;
            }
            // Box-Muller; 1 - u2 keeps the logarithm finite.
            double z = Math.Sqrt(-2.0 * Math.Log(1.0 - u2)) * Math.Cos(2.0 * Math.PI * u3);
            return TimeSpan.FromTicks((long)(shape.Median.Ticks * Math.Exp(shape.Sigma * z)));
        }

        /// <summary>The latency of request <paramref name="sequence"/> under a seed.</summary>
        public static TimeSpan Sample(LatencyShape shape, int seed, long sequence) => Sample(shape,
            SeededRandom.Uniform(seed, RandomStream.Latency, sequence, 0),
            SeededRandom.Uniform(seed, RandomStream.Latency, sequence, 1),
            SeededRandom.Uniform(seed, RandomStream.Latency, sequence, 2));
    }
}
