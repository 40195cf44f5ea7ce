using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.Identity
{
    /// <summary>
    /// Resource identifiers the token endpoint accepts besides ARM's (which follow the emulator's URL, see
    /// EmulatorRuntime.IsArmAudience). Public cloud values by default; a test or a custom cloud can place
    /// the services elsewhere. Matching ignores case and a trailing slash.
    /// </summary>
    public sealed class TokenAudiences
    {
        public List<string> Graph { get; set; } = new() { "https://graph.microsoft.com" };
        /// <summary>The Log Analytics query API, under its old and its new name.</summary>
        public List<string> LogAnalytics { get; set; } = new() { "https://api.loganalytics.io", "https://api.loganalytics.azure.com" };
        /// <summary>Defender for Endpoint (WindowsDefenderATP): the legacy host most samples use and the current one.</summary>
        public List<string> DefenderEndpoint { get; set; } = new() { "https://api.securitycenter.microsoft.com", "https://api.security.microsoft.com" };

        /// <summary>Azure Monitor Logs Ingestion, public cloud.</summary>
        public List<string> MonitorIngestion { get; set; } = new() { "https://monitor.azure.com" };

        /// <summary>The resource an audience names, or null when none of the lists holds it.</summary>
        public TokenResource? Find(string audience)
        {
            if (Holds(Graph, audience)) return TokenResource.Graph;
            if (Holds(LogAnalytics, audience)) return TokenResource.LogAnalytics;
            if (Holds(DefenderEndpoint, audience)) return TokenResource.DefenderEndpoint;
            if (Holds(MonitorIngestion, audience)) return TokenResource.MonitorIngestion;
            return null;
        }

        /// <summary>Whether the audience is one of the resource's.</summary>
        public bool Accepts(TokenResource resource, string audience) => Find(audience) == resource;

        public static bool Same(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

        private static bool Holds(IEnumerable<string> list, string audience) => list.Any(a => Same(a, audience));
    }
}
