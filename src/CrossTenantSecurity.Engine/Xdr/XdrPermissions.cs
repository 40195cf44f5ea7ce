using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.Xdr
{
    /// <summary>
    /// The application permissions the read-only Defender XDR commands need in each customer tenant
    /// (sentinel-xdr-reference.md §1.4.6 and §1.5). A ReadWrite grant includes its Read.
    /// </summary>
    internal static class XdrPermissions
    {
        public static readonly IReadOnlyList<string> Graph = new[] { "SecurityIncident.Read.All", "SecurityAlert.Read.All", "ThreatHunting.Read.All" };
        public static readonly IReadOnlyList<string> DefenderEndpoint = new[] { "Machine.Read.All", "Vulnerability.Read.All", "Score.Read.All" };

        /// <summary>The required permissions that <paramref name="granted"/> does not cover.</summary>
        public static IEnumerable<string> Missing(IReadOnlyList<string> required, IReadOnlyCollection<string> granted) =>
            required.Where(p => !granted.Contains(p, StringComparer.OrdinalIgnoreCase) &&
                                !granted.Contains(p.Replace(".Read.", ".ReadWrite."), StringComparer.OrdinalIgnoreCase));
    }
}
