using System;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// Counter-based randomness: every uniform is a pure hash of (seed, stream, request sequence number, draw index).
    /// No shared generator state, no lock: request n gets the same numbers whatever other requests drew, so the same
    /// seed and the same request order give the same decisions, including under concurrency.
    /// </summary>
    internal static class SeededRandom
    {
        /// <summary>A uniform number in [0, 1).</summary>
        public static double Uniform(int seed, RandomStream stream, long sequence, int draw = 0)
        {
            ulong h = Mix((ulong)(uint)seed);
            h = Mix(h ^ (ulong)stream);
            h = Mix(h ^ (ulong)sequence);
            h = Mix(h ^ (ulong)(uint)draw);
            return (h >> 11) * (1.0 / (1UL << 53));
        }

        /// <summary>A stable 64-bit hash of a string (string.GetHashCode is randomised per process).</summary>
        public static long StableHash(string text)
        {
            ulong h = 14695981039346656037UL;
            foreach (char c in text.ToLowerInvariant())
            {
                h = (h ^ c) * 1099511628211UL;
            }
            return (long)Mix(h);
        }

        /// <summary>SplitMix64's finaliser.</summary>
        private static ulong Mix(ulong z)
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
