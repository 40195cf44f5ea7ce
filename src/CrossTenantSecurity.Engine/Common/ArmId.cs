using System;

namespace CrossTenantSecurity.Engine.Common
{
    /// <summary>Pieces of ARM resource ids.</summary>
    internal static class ArmId
    {
        /// <summary>The segment after a named one, e.g. ("locations") in .../locations/westeurope/alerts/x.</summary>
        public static string? SegmentAfter(string? id, string name)
        {
            if (id is null) return null;
            string[] parts = id.Split('/');
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (string.Equals(parts[i], name, StringComparison.OrdinalIgnoreCase)) return parts[i + 1];
            }
            return null;
        }

        public static string? LastSegment(string? id) => id is null ? null : id.TrimEnd('/').Substring(id.TrimEnd('/').LastIndexOf('/') + 1);
    }
}
