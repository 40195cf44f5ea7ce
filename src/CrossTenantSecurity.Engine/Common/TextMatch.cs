using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.Common
{
    internal static class TextMatch
    {
        /// <summary>Enum-like service values compare case-insensitively; unknown values simply do not match.</summary>
        public static bool In(IReadOnlyCollection<string> values, string? value)
        {
            foreach (string candidate in values)
            {
                if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }
}
