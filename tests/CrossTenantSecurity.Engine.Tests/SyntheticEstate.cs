using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// Builds PostureSnapshots of any size without a network: N subscriptions over N/10 customers, each with a secure
    /// score, plans, unhealthy assessments on its resources, alerts and a delegation. Tests change one thing (a plan off,
    /// a score, an assessment) and compare.
    /// </summary>
    internal sealed class SyntheticEstate
    {
        public static readonly string[] PlanNames = { "VirtualMachines", "SqlServers", "StorageAccounts", "KeyVaults", "Containers" };

        public SyntheticEstate(int subscriptions, int subscriptionsPerTenant = 10)
        {
            SubscriptionCount = subscriptions;
            SubscriptionsPerTenant = subscriptionsPerTenant;
        }

        public int SubscriptionCount { get; }
        public int SubscriptionsPerTenant { get; }
        public int UnhealthyPerSubscription { get; set; } = 6;
        public Func<int, double> Score { get; set; } = i => 20 + (i * 7) % 30; // of 50
        public HashSet<(int Subscription, string Plan)> PlansOff { get; } = new HashSet<(int, string)>();
        public Dictionary<(int Subscription, string Plan), string> SubPlans { get; } = new Dictionary<(int, string), string>();
        public List<(int Subscription, string Key, string Severity, string Resource)> ExtraUnhealthy { get; } = new List<(int, string, string, string)>();
        public List<(int Subscription, string Name, string Severity)> ExtraAlerts { get; } = new List<(int, string, string)>();
        public HashSet<int> Missing { get; } = new HashSet<int>();
        public HashSet<int> RecommendationsFailed { get; } = new HashSet<int>();

        public static Guid TenantId(int t) => Guid.Parse($"{t + 1:x8}-0000-4000-8000-000000000000");
        public static string SubscriptionId(int i) => $"{i + 1:x8}-1111-4111-8111-111111111111";
        public static string Resource(int i, int r) => $"/subscriptions/{SubscriptionId(i)}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm{r}";

        public PostureSnapshot Build(DateTimeOffset takenAt)
        {
            var subs = new List<SubscriptionPostureSummary>();
            var recs = new List<Recommendation>();
            var plans = new List<DefenderPlan>();
            var alerts = new List<Alert>();
            var delegations = new List<Delegation>();
            var scores = new List<SecureScore>();
            var managing = Guid.Parse("99999999-9999-4999-8999-999999999999");
            for (int i = 0; i < SubscriptionCount; i++)
            {
                if (Missing.Contains(i)) continue;
                int t = i / SubscriptionsPerTenant;
                var sref = new SubscriptionRef(SubscriptionId(i), $"sub-{i}", TenantId(t), $"Customer {t}");
                double current = Score(i);
                scores.Add(new SecureScore(sref, "ascScore", "ASC score", current, 50, Math.Round(100 * current / 50, 2), 10, $"/subscriptions/{SubscriptionId(i)}/providers/Microsoft.Security/secureScores/ascScore"));
                int high = 0, medium = 0, low = 0;
                bool recFailed = RecommendationsFailed.Contains(i);
                if (!recFailed)
                {
                    var mine = Enumerable.Range(0, UnhealthyPerSubscription).Select(r => (Key: $"a{r:00}", Severity: r % 3 == 0 ? "High" : r % 3 == 1 ? "Medium" : "Low", Resource: Resource(i, r)))
                        .Concat(ExtraUnhealthy.Where(x => x.Subscription == i).Select(x => (x.Key, x.Severity, x.Resource)));
                    foreach (var (key, severity, resource) in mine)
                    {
                        recs.Add(new Recommendation(sref, key, "Assessment " + key, severity, "Unhealthy", null, null, resource, Array.Empty<string>(), null, null, resource + "/providers/Microsoft.Security/assessments/" + key));
                        if (severity == "High") high++; else if (severity == "Medium") medium++; else low++;
                    }
                }
                var enabled = new List<string>();
                foreach (string plan in PlanNames)
                {
                    bool on = !PlansOff.Contains((i, plan));
                    if (on) enabled.Add(plan);
                    SubPlans.TryGetValue((i, plan), out string? subPlan);
                    plans.Add(new DefenderPlan(sref, plan, on ? "Standard" : "Free", on ? subPlan ?? (plan == "VirtualMachines" ? "P2" : null) : null, null, false, Array.Empty<string>(), null, null, null,
                        Array.Empty<PlanExtension>(), $"/subscriptions/{SubscriptionId(i)}/providers/Microsoft.Security/pricings/{plan}"));
                }
                int alertHigh = 0, alertMedium = 0;
                var myAlerts = new List<(string, string)> { ($"alert-{i}", "Medium") };
                myAlerts.AddRange(ExtraAlerts.Where(a => a.Subscription == i).Select(a => (a.Name, a.Severity)));
                foreach (var (name, severity) in myAlerts)
                {
                    alerts.Add(new Alert(sref, name, "Alert " + name, severity, "Active", takenAt.AddDays(-1), null, null, "westeurope", null, null, null, null, $"/subscriptions/{SubscriptionId(i)}/providers/Microsoft.Security/locations/westeurope/alerts/{name}"));
                    if (severity == "High") alertHigh++; else alertMedium++;
                }
                delegations.Add(new Delegation(sref, "MSSP offer", null, "/subscriptions/" + SubscriptionId(i), DelegationScopeType.Subscription, null, managing, "MSSP", TenantId(t), $"Customer {t}",
                    Array.Empty<DelegationAuthorization>(), Array.Empty<EligibleDelegationAuthorization>(), "Succeeded", null, "def", $"/subscriptions/{SubscriptionId(i)}/providers/Microsoft.ManagedServices/registrationAssignments/a{i}"));
                var compliance = new[] { new ComplianceSummary("Microsoft-cloud-security-benchmark", 40 + i % 10, 10, 2, 1) };
                subs.Add(new SubscriptionPostureSummary(sref, "Enabled", SubscriptionAccessType.Delegated, current, 50, Math.Round(100 * current / 50, 2), 10,
                    20, new SeverityCounts(high, medium, low, 0), 3, new SeverityCounts(alertHigh, alertMedium, 0, 0), myAlerts.Count,
                    PlanNames, enabled, compliance, 1, true, 50 - current, recFailed ? new[] { "Recommendation" } : Array.Empty<string>()));
            }
            var tenants = subs.GroupBy(s => s.TenantId).Select(g =>
            {
                double weight = g.Sum(s => s.Weight);
                double pct = Math.Round(g.Sum(s => s.Weight * s.Current!.Value / s.Max!.Value) / weight * 100, 2);
                var unhealthy = g.Select(s => s.Unhealthy).Aggregate(SeverityCounts.None, (a, b) => a.Plus(b));
                var active = g.Select(s => s.ActiveAlerts).Aggregate(SeverityCounts.None, (a, b) => a.Plus(b));
                var coverage = PlanNames.Select(p => new PlanCoverage(p, g.Count(s => s.EnabledPlans.Contains(p)), g.Count())).ToList();
                var comp = new[] { new ComplianceSummary("Microsoft-cloud-security-benchmark", g.Sum(s => s.Compliance[0].PassedControls), g.Sum(s => s.Compliance[0].FailedControls), 0, g.Count()) };
                return new TenantPostureSummary(g.Key, g.First().TenantName, g.Count(), g.Count(), pct, g.Sum(s => s.Current!.Value), g.Sum(s => s.Max!.Value), (long)weight,
                    unhealthy, active, coverage, comp, 0, 0, Array.Empty<RecommendationSummary>(), Array.Empty<SecureScoreControlSummary>());
            }).ToList();
            var total = tenants.Select(t => t.Unhealthy).Aggregate(SeverityCounts.None, (a, b) => a.Plus(b));
            var totalAlerts = tenants.Select(t => t.ActiveAlerts).Aggregate(SeverityCounts.None, (a, b) => a.Plus(b));
            double estate = subs.Count == 0 ? double.NaN : Math.Round(subs.Sum(s => s.Current!.Value / s.Max!.Value) / subs.Count * 100, 2);
            var detail = new PostureSnapshotDetail(scores, Array.Empty<SecureScoreControl>(), recs, alerts, plans, Array.Empty<RegulatoryComplianceStandard>(), delegations);
            return new PostureSnapshot(takenAt, TimeSpan.FromSeconds(3), managing, "bench@mssp", "AzureCloud", "Arm", Array.Empty<Guid>(), Array.Empty<string>(), false,
                estate, total, totalAlerts, Array.Empty<PlanCoverage>(), Array.Empty<ComplianceSummary>(), tenants, subs,
                Array.Empty<RecommendationSummary>(), Array.Empty<SecureScoreControlSummary>(), Array.Empty<SnapshotFailure>(), detail);
        }
    }
}
