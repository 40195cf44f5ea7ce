using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// The controls worth most score across every customer: potential increase summed over subscriptions per control,
    /// with how many subscriptions and tenants could gain; controls with nothing to gain are left out.
    /// </summary>
    internal static class ControlRanking
    {
        public static IEnumerable<SecureScoreControlSummary> Top(IEnumerable<SecureScoreControl> controls, int top) =>
            controls.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => (Name: g.Key, DisplayName: g.First().DisplayName, Gain: Math.Round(g.Sum(c => c.PotentialIncrease), 2),
                    Unhealthy: g.Sum(c => c.UnhealthyResourceCount), Subscriptions: g.Count(c => c.PotentialIncrease > 0),
                    Tenants: g.Where(c => c.PotentialIncrease > 0).Select(c => c.TenantId).Distinct().Count()))
                .Where(x => x.Gain > 0)
                .OrderByDescending(x => x.Gain).ThenBy(x => x.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Take(top)
                .Select((x, i) => new SecureScoreControlSummary(i + 1, x.Name, x.DisplayName, x.Gain, x.Unhealthy, x.Subscriptions, x.Tenants));
    }
}
