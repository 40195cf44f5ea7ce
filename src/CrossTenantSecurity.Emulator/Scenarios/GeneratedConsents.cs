using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Emulator.Posture;

namespace CrossTenantSecurity.Emulator.Scenarios
{
    /// <summary>
    /// Where a generated estate's automation app is consented: most customers grant the read permissions of
    /// Graph security, Defender for Endpoint and Log Analytics; a seeded few refuse, cycling through Entra's
    /// refusals so that every kind appears once there are five or more. Drawn from a random stream of its own,
    /// so the rest of the estate is what it was before consents existed.
    /// </summary>
    internal static class GeneratedConsents
    {
        public static readonly IReadOnlyList<string> Graph = new[] { "SecurityIncident.Read.All", "SecurityAlert.Read.All", "ThreatHunting.Read.All" };
        public static readonly IReadOnlyList<string> DefenderEndpoint = new[] { "Machine.Read.All", "Vulnerability.Read.All", "Score.Read.All" };
        public static readonly IReadOnlyList<string> LogAnalytics = new[] { "Data.Read" };

        private enum Kind { NotInstalled, DefenderNotConsented, MissingServicePrincipal, ConditionalAccess, AppDisabled }

        public static List<ScenarioConsent> For(IReadOnlyList<Guid> customers, int seed, double refusedRate)
        {
            Random random = StableId.Random("consents", seed);
            int[] order = Enumerable.Range(0, customers.Count).ToArray();
            random.Shuffle(order);
            int refused = customers.Count < 2 ? 0 : Math.Max(1, (int)Math.Round(customers.Count * refusedRate));
            var kinds = new Dictionary<int, Kind>();
            for (int i = 0; i < refused && i < order.Length; i++) kinds[order[i]] = (Kind)(i % 5);

            var consents = new List<ScenarioConsent>();
            for (int t = 0; t < customers.Count; t++)
            {
                ScenarioConsent? consent = kinds.TryGetValue(t, out Kind kind) ? Refused(customers[t], kind) : Full(customers[t]);
                if (consent is not null) consents.Add(consent);
            }
            return consents;
        }

        private static ScenarioConsent Full(Guid tenantId, ConsentRefusal refusal = ConsentRefusal.None) => new()
        {
            TenantId = tenantId, Graph = Graph.ToList(), DefenderEndpoint = DefenderEndpoint.ToList(), LogAnalytics = LogAnalytics.ToList(), Refusal = refusal,
        };

        /// <summary>Null for a tenant that never consented: it has no entry at all.</summary>
        private static ScenarioConsent? Refused(Guid tenantId, Kind kind) => kind switch
        {
            Kind.NotInstalled => null,
            Kind.DefenderNotConsented => new ScenarioConsent { TenantId = tenantId, Graph = Graph.ToList() },
            Kind.MissingServicePrincipal => new ScenarioConsent { TenantId = tenantId, Refusal = ConsentRefusal.MissingServicePrincipal },
            Kind.ConditionalAccess => Full(tenantId, ConsentRefusal.ConditionalAccess),
            _ => Full(tenantId, ConsentRefusal.AppDisabled),
        };
    }
}
