using System;
using System.Globalization;

namespace CrossTenantSecurity.Emulator.Posture
{
    /// <summary>
    /// Deterministic GUIDs and random streams derived from names, so every run serves the same estate. Not
    /// cryptographic: FNV-1a over the text, then a SplitMix64 finaliser. A large estate derives millions of these,
    /// and a SHA-256 each was a visible share of the benchmark's processor time.
    /// </summary>
    internal static class StableId
    {
        public static Guid Guid(string text)
        {
            Span<byte> bytes = stackalloc byte[16];
            BitConverter.TryWriteBytes(bytes, Hash(text, 0x9E3779B97F4A7C15UL));
            BitConverter.TryWriteBytes(bytes[8..], Hash(text, 0xC2B2AE3D27D4EB4FUL));
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 shape (the version nibble of Guid's byte layout)
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new System.Guid(bytes);
        }

        public static int Seed(params object[] parts)
        {
            ulong hash = 0xCBF29CE484222325UL;
            for (int i = 0; i < parts.Length; i++)
            {
                if (i > 0) hash = Mix(hash, '|');
                hash = Mix(hash, Convert.ToString(parts[i], CultureInfo.InvariantCulture) ?? string.Empty);
            }
            return (int)Finalise(hash);
        }

        public static Random Random(params object[] parts) => new(Seed(parts));

        private static ulong Hash(string text, ulong salt) => Finalise(Mix(0xCBF29CE484222325UL ^ salt, text));

        private static ulong Mix(ulong hash, string text)
        {
            foreach (char c in text) hash = Mix(hash, c);
            return hash;
        }

        private static ulong Mix(ulong hash, char c) => (hash ^ c) * 0x100000001B3UL;

        private static ulong Finalise(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
