using System;
using System.Security.Cryptography;
using System.Text;

namespace CrossTenantSecurity.Emulator.Posture
{
    /// <summary>Deterministic GUIDs and random streams derived from names, so every run serves the same estate.</summary>
    internal static class StableId
    {
        public static Guid Guid(string text)
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
            hash[6] = (byte)((hash[6] & 0x0F) | 0x40); // version 4 shape
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            return new System.Guid(hash.AsSpan(0, 16));
        }

        public static int Seed(params object[] parts)
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("|", parts)));
            return BitConverter.ToInt32(hash, 0);
        }

        public static Random Random(params object[] parts) => new(Seed(parts));
    }
}
