using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator.Posture
{
    /// <summary>
    /// Derives a subscription's posture from (scenario seed, subscription, profile). Scores are computed
    /// from the assessments the way Defender does it: a control's score is max x healthy / (healthy +
    /// unhealthy) resources; the subscription's is the sum over controls with applicable resources.
    /// </summary>
    internal static class PostureGenerator
    {
        private static readonly ResourceKind[] ResourceMix =
        {
            ResourceKind.VirtualMachine, ResourceKind.StorageAccount, ResourceKind.VirtualMachine, ResourceKind.KeyVault,
            ResourceKind.SqlServer, ResourceKind.WebApp, ResourceKind.VirtualNetwork, ResourceKind.StorageAccount, ResourceKind.VirtualMachine,
        };

        private static readonly string[] StandardNames =
            { "Microsoft-cloud-security-benchmark", "PCI-DSS-4", "ISO-27001-2013", "CIS-Azure-Foundations-v2.0.0", "NIST-SP-800-53-R5" };

        private static readonly string[] StandardPrefixes = { "NS", "PCI", "A", "CIS", "AC" };

        public static SubscriptionPosture Generate(Scenario scenario, ScenarioSubscription subscription)
        {
            PostureProfile profile = subscription.Posture ?? scenario.DefaultPosture;
            DateTimeOffset now = scenario.ReferenceTime;
            int seed = scenario.Seed;
            Guid sub = subscription.Id;

            List<EstateResource> resources = BuildResources(subscription, profile);
            List<AssessmentResult> assessments = BuildAssessments(seed, sub, profile, resources, now);
            List<ControlResult> controls = BuildControls(assessments);
            ScoreResult? score = profile.ScoreReady ? BuildScore(controls, assessments) : null;

            return new SubscriptionPosture
            {
                SubscriptionId = sub,
                TenantId = subscription.TenantId,
                SecurityRegistered = profile.SecurityRegistered,
                ScoreReady = profile.ScoreReady,
                Resources = resources,
                Assessments = assessments,
                Controls = profile.ScoreReady ? controls : new List<ControlResult>(),
                Score = score,
                Alerts = BuildAlerts(seed, sub, profile, resources, now),
                Pricings = BuildPricings(seed, sub, profile, now),
                LazyStandards = new Lazy<IReadOnlyList<ComplianceStandard>>(() => BuildStandards(seed, sub, profile)),
                Jit = BuildJit(profile, resources),
                Contact = profile.SecurityContact ? new SecurityContact($"soc@{ShortName(subscription)}.example;secops@{ShortName(subscription)}.example", "+1-555-0100", "Medium") : null,
            };
        }

        private static string ShortName(ScenarioSubscription s) => new string(s.DisplayName.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(12).ToArray());

        private static List<EstateResource> BuildResources(ScenarioSubscription subscription, PostureProfile profile)
        {
            IReadOnlyList<string> groups = subscription.ResourceGroupNames();
            var resources = new List<EstateResource> { new($"/subscriptions/{subscription.Id}", ResourceKind.Subscription, string.Empty, subscription.DisplayName, "global") };
            int assessments = SecurityCatalog.For(ResourceKind.Subscription).Count();
            var counters = new Dictionary<ResourceKind, int>();
            for (int i = 0; assessments < profile.Assessments || i < 3; i++)
            {
                ResourceKind kind = ResourceMix[i % ResourceMix.Length];
                counters[kind] = counters.TryGetValue(kind, out int n) ? n + 1 : 1;
                string group = groups[i % groups.Count];
                string name = $"{Prefix(kind)}{counters[kind]:D3}";
                resources.Add(new EstateResource($"/subscriptions/{subscription.Id}/resourceGroups/{group}/providers/{ArmType(kind)}/{name}", kind, group, name, profile.Location));
                assessments += SecurityCatalog.For(kind).Count();
            }
            return resources;
        }

        public static string ArmType(ResourceKind kind) => kind switch
        {
            ResourceKind.VirtualMachine => "Microsoft.Compute/virtualMachines",
            ResourceKind.StorageAccount => "Microsoft.Storage/storageAccounts",
            ResourceKind.KeyVault => "Microsoft.KeyVault/vaults",
            ResourceKind.SqlServer => "Microsoft.Sql/servers",
            ResourceKind.WebApp => "Microsoft.Web/sites",
            ResourceKind.VirtualNetwork => "Microsoft.Network/virtualNetworks",
            _ => "Microsoft.Resources/subscriptions",
        };

        private static string Prefix(ResourceKind kind) => kind switch
        {
            ResourceKind.VirtualMachine => "vm",
            ResourceKind.StorageAccount => "st",
            ResourceKind.KeyVault => "kv",
            ResourceKind.SqlServer => "sql",
            ResourceKind.WebApp => "app",
            _ => "vnet",
        };

        private static List<AssessmentResult> BuildAssessments(int seed, Guid sub, PostureProfile profile, List<EstateResource> resources, DateTimeOffset now)
        {
            var results = new List<AssessmentResult>();
            foreach (EstateResource resource in resources)
            {
                foreach (AssessmentDefinition definition in SecurityCatalog.For(resource.Kind))
                {
                    Random random = StableId.Random(seed, sub, definition.Key, resource.Id);
                    double roll = random.NextDouble();
                    DateTimeOffset first = now.AddDays(-random.Next(20, 400));
                    DateTimeOffset changed = first.AddDays(random.Next(0, Math.Max(1, (int)(now - first).TotalDays)));
                    if (roll < 0.04)
                    {
                        bool exempt = random.NextDouble() < 0.5;
                        results.Add(new AssessmentResult(definition, resource, "NotApplicable", exempt ? "Exempt" : "OffByPolicy",
                            exempt ? "This resource is exempt from the assessment (mitigated)." : "The effective policy for the assessment was evaluated to off - use Microsoft.Authorization/policyAssignments to turn this assessment on",
                            first, changed));
                    }
                    else if (random.NextDouble() < 1 - profile.Hygiene)
                    {
                        results.Add(new AssessmentResult(definition, resource, "Unhealthy", null, "The resource does not meet this recommendation.", first, changed));
                    }
                    else
                    {
                        results.Add(new AssessmentResult(definition, resource, "Healthy", null, null, first, changed));
                    }
                }
            }
            results.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            return results;
        }

        private static List<ControlResult> BuildControls(List<AssessmentResult> assessments)
        {
            var controls = new List<ControlResult>();
            foreach (ControlDefinition control in SecurityCatalog.Controls)
            {
                var byResource = assessments.Where(a => a.Definition.Control == control && !a.Definition.Preview).GroupBy(a => a.Resource.Id).ToList();
                if (byResource.Count == 0) continue;
                int unhealthy = byResource.Count(g => g.Any(a => a.Status == "Unhealthy"));
                int healthy = byResource.Count(g => g.All(a => a.Status != "Unhealthy") && g.Any(a => a.Status == "Healthy"));
                int notApplicable = byResource.Count - healthy - unhealthy;
                double current = healthy + unhealthy == 0 ? 0 : Math.Round(control.MaxScore * (double)healthy / (healthy + unhealthy), 2);
                double percentage = control.MaxScore == 0 ? 0 : Math.Round(current / control.MaxScore, 4);
                controls.Add(new ControlResult(control, healthy, unhealthy, notApplicable, current, percentage, healthy + unhealthy));
            }
            return controls;
        }

        private static ScoreResult BuildScore(List<ControlResult> controls, List<AssessmentResult> assessments)
        {
            var scored = controls.Where(c => c.Definition.MaxScore > 0 && c.Healthy + c.Unhealthy > 0).ToList();
            int max = scored.Sum(c => c.Definition.MaxScore);
            double current = Math.Round(scored.Sum(c => c.Current), 2);
            long weight = assessments.Where(a => a.Status != "NotApplicable").Select(a => a.Resource.Id).Distinct().LongCount();
            return new ScoreResult(max, current, max == 0 ? 0 : Math.Round(current / max, 4), weight);
        }

        private static List<AlertRecord> BuildAlerts(int seed, Guid sub, PostureProfile profile, List<EstateResource> resources, DateTimeOffset now)
        {
            var alerts = new List<AlertRecord>();
            var statuses = new[] { "Active", "Active", "Active", "Active", "Active", "Active", "InProgress", "Resolved", "Resolved", "Dismissed" };
            for (int i = 0; i < profile.Alerts; i++)
            {
                Random random = StableId.Random(seed, sub, "alert", i);
                AlertDefinition definition = SecurityCatalog.Alerts[random.Next(SecurityCatalog.Alerts.Count)];
                var candidates = resources.Where(r => r.Kind == definition.On).ToList();
                if (candidates.Count == 0) candidates = resources.Where(r => r.Kind != ResourceKind.Subscription).ToList();
                EstateResource resource = candidates[random.Next(candidates.Count)];
                DateTimeOffset start = now.AddMinutes(-random.Next(30, 60 * 24 * 30));
                long ticks = DateTime.MaxValue.Ticks - start.UtcTicks;
                Guid alertGuid = StableId.Guid($"alert:{seed}:{sub}:{i}");
                string name = $"{ticks}_{alertGuid.ToString().ToUpperInvariant()}";
                // Azure does not promise that the name equals the id's last segment; one alert in five differs in case.
                string idSegment = i % 5 == 4 ? $"{ticks}_{alertGuid}" : name;
                alerts.Add(new AlertRecord(definition, resource, name, idSegment, profile.Location, statuses[random.Next(statuses.Length)],
                    start, start.AddMinutes(random.Next(1, 90)), start.AddMinutes(95), Convert.ToBase64String(alertGuid.ToByteArray()), random.NextDouble() < 0.2));
            }
            return alerts;
        }

        private static List<PricingRecord> BuildPricings(int seed, Guid sub, PostureProfile profile, DateTimeOffset now)
        {
            IReadOnlyList<string> on = profile.Plans ?? PostureProfile.TypicalPlans;
            var pricings = new List<PricingRecord>();
            foreach (PlanDefinition plan in SecurityCatalog.Plans)
            {
                Random random = StableId.Random(seed, sub, "plan", plan.Name);
                bool standard = !plan.Deprecated && on.Contains(plan.Name, StringComparer.OrdinalIgnoreCase);
                string coverage = !standard ? "NotCovered" : plan.Name == "VirtualMachines" && random.NextDouble() < 0.3 ? "PartiallyCovered" : "FullyCovered";
                var extensions = standard ? plan.Extensions.Select(e => new ExtensionState(e, random.NextDouble() < 0.75)).ToList() : new List<ExtensionState>();
                pricings.Add(new PricingRecord(plan, standard ? "Standard" : "Free", standard ? plan.DefaultSubPlan : null,
                    standard ? now.AddDays(-random.Next(10, 500)) : null,
                    !standard && random.NextDouble() < 0.2 ? "P29DT23H" : "PT0S", false, coverage, extensions));
            }
            return pricings;
        }

        private static List<ComplianceStandard> BuildStandards(int seed, Guid sub, PostureProfile profile)
        {
            var standards = new List<ComplianceStandard>();
            for (int s = 0; s < Math.Min(profile.Standards, StandardNames.Length); s++)
            {
                var controls = new List<ComplianceControl>();
                for (int c = 1; c <= profile.ControlsPerStandard; c++)
                {
                    string controlName = $"{StandardPrefixes[s]}-{c}";
                    var items = new List<ComplianceAssessment>();
                    for (int a = 0; a < profile.AssessmentsPerControl; a++)
                    {
                        Random random = StableId.Random(seed, sub, StandardNames[s], controlName, a);
                        double roll = random.NextDouble();
                        string state = roll < 0.05 ? "Unsupported" : roll < 0.10 ? "Skipped" : random.NextDouble() < (1 - profile.Hygiene) ? "Failed" : "Passed";
                        int resourcesTotal = random.Next(1, 12);
                        int failed = state == "Failed" ? random.Next(1, resourcesTotal + 1) : 0;
                        items.Add(new ComplianceAssessment(StableId.Guid($"compliance:{StandardNames[s]}:{controlName}:{a}"),
                            $"{controlName} automated check {a + 1}", state == "Unsupported" ? "Manual" : "Automated", state,
                            state is "Passed" or "Failed" ? resourcesTotal - failed : 0, failed, state == "Skipped" ? resourcesTotal : 0, 0));
                    }
                    string controlState = ComplianceControl.Count(items, "Failed") > 0 ? "Failed"
                        : items.All(i => i.State == "Unsupported") ? "Unsupported"
                        : items.All(i => i.State is "Skipped" or "Unsupported") ? "Skipped" : "Passed";
                    // The service is inconsistent about case (the spec's own examples say "Failed" and "failed").
                    if (c % 5 == 3) controlState = controlState.ToLowerInvariant();
                    controls.Add(new ComplianceControl(controlName, $"{StandardNames[s]} control {controlName}", controlState, items));
                }
                var standard = new ComplianceStandard(StandardNames[s], "Passed", controls);
                standards.Add(standard with { State = standard.Count("Failed") > 0 ? "Failed" : standard.Count("Passed") > 0 ? "Passed" : "Skipped" });
            }
            return standards;
        }

        private static JitPolicy? BuildJit(PostureProfile profile, List<EstateResource> resources)
        {
            var vms = resources.Where(r => r.Kind == ResourceKind.VirtualMachine).Take(3).ToList();
            return profile.JitPolicy && vms.Count > 0 ? new JitPolicy(vms[0].ResourceGroup, profile.Location, vms.Where(v => v.ResourceGroup == vms[0].ResourceGroup).ToList()) : null;
        }

        public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }
}
