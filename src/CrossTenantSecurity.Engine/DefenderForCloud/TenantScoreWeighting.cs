using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// One score per customer: Percentage = sum(weight x current / max) / sum(weight) x 100 over its subscriptions with
    /// max above 0 (the plain average when no subscription has a weight; NaN when none was scored). Subscriptions
    /// without a score count as missing.
    /// </summary>
    internal static class TenantScoreWeighting
    {
        public static IEnumerable<TenantSecureScore> PerTenant(IReadOnlyList<DelegatedSubscription> subscriptions, IReadOnlyList<SecureScore> scores)
        {
            foreach (IGrouping<Guid, DelegatedSubscription> tenant in subscriptions.GroupBy(s => s.TenantId))
            {
                var tenantScores = scores.Where(x => x.TenantId == tenant.Key).ToList();
                var scored = tenantScores.Where(x => x.Max > 0).ToList();
                long weight = scored.Sum(x => x.Weight);
                double percentage = weight > 0
                    ? Math.Round(scored.Sum(x => x.Weight * x.Current / x.Max) / weight * 100, 2)
                    : scored.Count > 0 ? Math.Round(scored.Average(x => x.Current / x.Max) * 100, 2) : double.NaN;
                yield return new TenantSecureScore(tenant.Key, tenant.First().TenantName, percentage, Math.Round(tenantScores.Sum(x => x.Current), 2),
                    tenantScores.Sum(x => x.Max), weight, tenantScores.Count, tenant.Count() - tenantScores.Count);
            }
        }
    }
}
