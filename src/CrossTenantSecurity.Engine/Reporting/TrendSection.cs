using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using static CrossTenantSecurity.Engine.Reporting.Html;

namespace CrossTenantSecurity.Engine.Reporting
{
    /// <summary>
    /// "Secure score over time": one line chart per customer of the report from the saved history. Only customers of
    /// this snapshot are drawn; the section is left out when the history holds none of them, so a report without
    /// history is the same as before.
    /// </summary>
    internal static class TrendSection
    {
        /// <summary>The customer-level secure score points of the snapshot's customers (none when there is no history).</summary>
        public static IReadOnlyList<PostureTrendPoint> PointsFor(PostureSnapshot snapshot, IReadOnlyList<PostureTrendPoint>? history)
        {
            if (history is null || history.Count == 0) return Array.Empty<PostureTrendPoint>();
            var tenants = new HashSet<Guid>(snapshot.Tenants.Select(t => t.TenantId));
            return history.Where(p => p.Metric == PostureMetric.SecureScore && p.SubscriptionId is null && p.Value is not null && tenants.Contains(p.TenantId)).ToList();
        }

        public static void Write(StringBuilder h, PostureSnapshot snapshot, IReadOnlyList<PostureTrendPoint> points)
        {
            h.Append("<section id=\"trend\"><h2>Secure score over time</h2><p>Per customer, from the saved posture history (Save-CtPostureSnapshot); each point is one saved snapshot.</p>");
            var byTenant = points.GroupBy(p => p.TenantId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (TenantPostureSummary tenant in snapshot.Tenants.OrderBy(t => t.TenantName ?? t.TenantId.ToString(), StringComparer.OrdinalIgnoreCase))
            {
                if (!byTenant.TryGetValue(tenant.TenantId, out List<PostureTrendPoint>? series)) continue;
                string name = tenant.TenantName ?? tenant.TenantId.ToString();
                h.Append($"<div class=\"trend-customer\" data-tenant=\"{E(tenant.TenantId.ToString())}\"><h3>{E(name)}</h3>");
                h.Append(SvgLineChart.Lines("chart-trend-" + tenant.TenantId.ToString("N"), $"Secure score of {name} over time", series.Select(p => (p.TakenAt, p.Value!.Value)).ToList(), 100, " %"));
                h.Append("</div>");
            }
            h.Append("</section>");
        }
    }
}
