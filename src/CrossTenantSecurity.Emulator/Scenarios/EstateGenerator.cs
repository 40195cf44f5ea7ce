using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossTenantSecurity.Emulator.Posture;

namespace CrossTenantSecurity.Emulator.Scenarios
{
    /// <summary>The size and failure mix of a generated estate (performance-model.md, "Benchmark scenarios").</summary>
    public sealed record EstateSpec(string Name, int Tenants, int Subscriptions, int AssessmentsPerSubscription, int Seed = 1)
    {
        public double NotRegisteredRate { get; init; } = 0.02;
        public double ForbiddenRate { get; init; } = 0.02;
        public double DisabledOrWarnedRate { get; init; } = 0.01;
        public double ScoreNotReadyRate { get; init; } = 0.01;
        public double MeanAlerts { get; init; } = 5;
        /// <summary>Share of subscriptions with 500+ alerts.</summary>
        public double AlertStormRate { get; init; } = 0.01;
        /// <summary>When true, 5% of subscriptions hold half of all assessments.</summary>
        public bool Skewed { get; init; }
        public int Standards { get; init; } = 2;
        public int ControlsPerStandard { get; init; } = 50;
        /// <summary>Share of customer tenants where the automation app gets no token (or none for some resource).</summary>
        public double RefusedConsentRate { get; init; } = 0.10;

        public static EstateSpec Preset(string name) => name.ToUpperInvariant() switch
        {
            "S1" => new EstateSpec("S1", 5, 50, 100),
            "S2" => new EstateSpec("S2", 50, 1_000, 300),
            "S3" => new EstateSpec("S3", 300, 5_000, 300),
            "S4" => new EstateSpec("S4", 500, 12_000, 300),
            _ => throw new ArgumentException($"Unknown scenario preset '{name}'. Known: S1, S2, S3, S4.", nameof(name)),
        };
    }

    /// <summary>
    /// Builds large seeded estates in the shape of the sample: one MSSP tenant whose automation principal
    /// is authorized in every customer's delegation, customers with several subscriptions each, the
    /// failure mix of the performance model (not registered, forbidden, disabled, no score yet), and the
    /// automation app's consents in the customer tenants (GeneratedConsents).
    /// Only the estate's structure is held; posture is derived per subscription on demand.
    /// </summary>
    public static class EstateGenerator
    {
        public static readonly Guid ManagingTenantId = Guid.Parse("11111111-1111-4111-8111-111111111111");
        public static readonly Guid AutomationAppId = Guid.Parse("c0000000-0000-4000-8000-0000000000c1");
        public static readonly Guid AutomationObjectId = Guid.Parse("a0000000-0000-4000-8000-0000000000b1");
        public const string AutomationSecret = "sample-only-automation-secret";

        private static readonly Guid Reader = Guid.Parse("acdd72a7-3385-48ef-bd42-f606fba81ae7");
        private static readonly Guid SecurityReader = Guid.Parse("39bc4728-0917-49c7-9d2c-d95423bc2eb4");
        private static readonly Guid SecurityAdmin = Guid.Parse("fb1c8493-542b-48eb-b624-b4c8fea62acd");
        private static readonly Guid BackupReader = Guid.Parse("a795c7a0-d4a2-40c1-ae25-d81f01202912");

        public static Scenario Generate(EstateSpec spec)
        {
            var random = new Random(spec.Seed);
            var scenario = new Scenario
            {
                Name = spec.Name,
                Seed = spec.Seed,
                PageSize = 100,
                SecurityPageSize = 100,
                DefaultPosture = new PostureProfile { Assessments = spec.AssessmentsPerSubscription, Alerts = (int)spec.MeanAlerts, ControlsPerStandard = spec.ControlsPerStandard, Standards = spec.Standards },
            };
            scenario.Tenants.Add(new ScenarioTenant { Id = ManagingTenantId, DisplayName = "Contoso Defense (MSSP)", DefaultDomain = "contosodefense.onmicrosoft.com", Domains = { "contosodefense.onmicrosoft.com" } });
            var automation = new ScenarioPrincipal
            {
                TenantId = ManagingTenantId, ObjectId = AutomationObjectId, AppId = AutomationAppId, DisplayName = "contoso-posture-automation",
                Type = "ServicePrincipal", Secret = AutomationSecret,
            };
            scenario.Principals.Add(automation);

            int perTenant = Math.Max(1, spec.Subscriptions / Math.Max(1, spec.Tenants));
            int subscriptionIndex = 0;
            for (int t = 0; t < spec.Tenants && subscriptionIndex < spec.Subscriptions; t++)
            {
                Guid tenantId = StableId.Guid($"tenant:{spec.Seed}:{t}");
                string label = $"Customer {t + 1:D3}";
                scenario.Tenants.Add(new ScenarioTenant
                {
                    Id = tenantId, DisplayName = label, DefaultDomain = $"customer{t + 1:D3}.onmicrosoft.com", Domains = { $"customer{t + 1:D3}.onmicrosoft.com" },
                });
                int count = t == spec.Tenants - 1 ? spec.Subscriptions - subscriptionIndex : perTenant;
                var regular = new ScenarioDelegation
                {
                    Id = StableId.Guid($"delegation:{spec.Seed}:{t}"), OfferName = "Contoso Defense Managed Security",
                    ManagedByTenantId = ManagingTenantId, CustomerTenantId = tenantId,
                    Authorizations =
                    {
                        new ScenarioAuthorization { PrincipalId = AutomationObjectId, PrincipalIdDisplayName = "contoso-posture-automation", RoleDefinitionId = Reader },
                        new ScenarioAuthorization { PrincipalId = AutomationObjectId, PrincipalIdDisplayName = "contoso-posture-automation", RoleDefinitionId = SecurityAdmin },
                    },
                };
                // Subscriptions whose delegation grants no Security read (a backup-only offer) answer 403.
                var restricted = new ScenarioDelegation
                {
                    Id = StableId.Guid($"delegation-restricted:{spec.Seed}:{t}"), OfferName = "Contoso Backup Operations",
                    ManagedByTenantId = ManagingTenantId, CustomerTenantId = tenantId,
                    Authorizations = { new ScenarioAuthorization { PrincipalId = AutomationObjectId, PrincipalIdDisplayName = "contoso-posture-automation", RoleDefinitionId = BackupReader } },
                };

                for (int i = 0; i < count; i++, subscriptionIndex++)
                {
                    Guid id = StableId.Guid($"subscription:{spec.Seed}:{subscriptionIndex}");
                    var subscription = new ScenarioSubscription
                    {
                        Id = id, TenantId = tenantId, DisplayName = $"{label} sub {i + 1:D3}",
                        State = random.NextDouble() < spec.DisabledOrWarnedRate ? (random.NextDouble() < 0.5 ? "Disabled" : "Warned") : "Enabled",
                        Posture = Posture(spec, random, subscriptionIndex),
                    };
                    scenario.Subscriptions.Add(subscription);
                    (random.NextDouble() < spec.ForbiddenRate ? restricted : regular).Scopes.Add($"/subscriptions/{id}");
                }
                if (regular.Scopes.Count > 0) scenario.Delegations.Add(regular);
                if (restricted.Scopes.Count > 0) scenario.Delegations.Add(restricted);
            }
            automation.Consents = GeneratedConsents.For(scenario.Tenants.Skip(1).Select(t => t.Id).ToList(), spec.Seed, spec.RefusedConsentRate);
            return scenario;
        }

        private static PostureProfile Posture(EstateSpec spec, Random random, int index)
        {
            int assessments = spec.AssessmentsPerSubscription;
            if (spec.Skewed)
            {
                // 5% of subscriptions hold half of all assessments.
                bool heavy = index % 20 == 0;
                assessments = heavy ? spec.AssessmentsPerSubscription * 10 : (int)(spec.AssessmentsPerSubscription * 10.0 / 19);
            }
            int alerts = random.NextDouble() < spec.AlertStormRate ? 500 + random.Next(200) : Poisson(random, spec.MeanAlerts);
            return new PostureProfile
            {
                Hygiene = Math.Round(0.35 + random.NextDouble() * 0.6, 2),
                Assessments = assessments,
                Alerts = alerts,
                SecurityRegistered = random.NextDouble() >= spec.NotRegisteredRate,
                ScoreReady = random.NextDouble() >= spec.ScoreNotReadyRate,
                Standards = spec.Standards,
                ControlsPerStandard = spec.ControlsPerStandard,
                Plans = random.NextDouble() < 0.3 ? new List<string> { "VirtualMachines" } : null,
                Location = new[] { "westeurope", "northeurope", "eastus", "uksouth" }[random.Next(4)],
            };
        }

        private static int Poisson(Random random, double mean)
        {
            double limit = Math.Exp(-mean), product = random.NextDouble();
            int n = 0;
            while (product > limit) { product *= random.NextDouble(); n++; }
            return n;
        }

        /// <summary>Parses "S2", "S2:seed=7" or "generated:tenants=5,subscriptions=40,assessments=50,seed=3".</summary>
        public static bool TryParse(string text, out EstateSpec spec)
        {
            spec = null!;
            string[] parts = text.Split(':', 2);
            var options = parts.Length > 1
                ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
                    .ToDictionary(p => p[0].Trim(), p => int.Parse(p[1].Trim(), CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            string head = parts[0].Trim();
            if (head.Equals("generated", StringComparison.OrdinalIgnoreCase))
            {
                spec = new EstateSpec("generated", Get("tenants", 5), Get("subscriptions", 50), Get("assessments", 100), Get("seed", 1));
                return true;
            }
            if (head.Length == 2 && (head[0] == 'S' || head[0] == 's') && char.IsDigit(head[1]))
            {
                spec = EstateSpec.Preset(head) with { Seed = Get("seed", 1) };
                return true;
            }
            return false;

            int Get(string key, int fallback) => options.TryGetValue(key, out int value) ? value : fallback;
        }
    }
}
