using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossTenantSecurity.Emulator.Scenarios
{
    /// <summary>Reads and checks scenario files; the bundled sample estate is an embedded resource.</summary>
    public static class ScenarioLoader
    {
        public const string SampleName = "sample";

        private static readonly JsonSerializerOptions Options = new()
        {
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            Converters = { new JsonStringEnumConverter() },
        };

        /// <summary>
        /// "sample" (or null) for the bundled estate; a generated preset such as "S2" or "S2:seed=7", or
        /// "generated:tenants=5,subscriptions=40,assessments=50"; otherwise a path to a scenario JSON file.
        /// </summary>
        public static Scenario Load(string? nameOrPath)
        {
            if (string.IsNullOrEmpty(nameOrPath) || string.Equals(nameOrPath, SampleName, StringComparison.OrdinalIgnoreCase))
                return LoadSample();
            if (!File.Exists(nameOrPath) && EstateGenerator.TryParse(nameOrPath, out EstateSpec spec))
                return Validate(EstateGenerator.Generate(spec));
            using FileStream stream = File.OpenRead(nameOrPath);
            return Validate(Parse(stream));
        }

        public static Scenario LoadSample()
        {
            using Stream stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("sample-estate.json")
                ?? throw new InvalidOperationException("The sample estate is missing from the emulator assembly.");
            return Validate(Parse(stream));
        }

        public static Scenario Parse(Stream json) =>
            JsonSerializer.Deserialize<Scenario>(json, Options) ?? throw new InvalidDataException("The scenario file is empty.");

        /// <summary>Rejects estates Azure could not have: unknown tenants, delegations into one's own tenant, scopes outside the customer.</summary>
        public static Scenario Validate(Scenario scenario)
        {
            var errors = new List<string>();
            var tenants = scenario.Tenants.Select(t => t.Id).ToHashSet();
            var subscriptions = scenario.Subscriptions.ToDictionary(s => s.Id);
            foreach (ScenarioSubscription s in scenario.Subscriptions)
            {
                if (!tenants.Contains(s.TenantId)) errors.Add($"subscription {s.Id}: unknown home tenant {s.TenantId}");
            }
            foreach (ScenarioPrincipal p in scenario.Principals)
            {
                if (!tenants.Contains(p.TenantId)) errors.Add($"principal {p.ObjectId}: unknown tenant {p.TenantId}");
                ValidateConsents(p, tenants, errors);
            }
            foreach (ScenarioDelegation d in scenario.Delegations)
            {
                if (!tenants.Contains(d.ManagedByTenantId)) errors.Add($"delegation {d.Id}: unknown managing tenant");
                if (d.ManagedByTenantId == d.CustomerTenantId) errors.Add($"delegation {d.Id}: a tenant cannot delegate to itself");
                foreach (Guid role in d.Authorizations.Select(a => a.RoleDefinitionId).Concat(d.EligibleAuthorizations.Select(e => e.RoleDefinitionId)))
                {
                    // Lighthouse accepts built-in roles only, and never Owner.
                    if (Authorization.BuiltInRoles.Find(role) is not { } known) errors.Add($"delegation {d.Id}: role {role} is not a built-in role this emulator knows");
                    else if (known == Authorization.BuiltInRoles.Owner) errors.Add($"delegation {d.Id}: Lighthouse does not allow the Owner role");
                }
                foreach (string scope in d.Scopes)
                {
                    if (!ArmScope.TryParse(scope, out ArmScope parsed)) { errors.Add($"delegation {d.Id}: bad scope '{scope}'"); continue; }
                    if (!subscriptions.TryGetValue(parsed.SubscriptionId, out ScenarioSubscription? sub)) errors.Add($"delegation {d.Id}: unknown subscription in '{scope}'");
                    else if (sub.TenantId != d.CustomerTenantId) errors.Add($"delegation {d.Id}: '{scope}' is not in the customer tenant");
                }
            }
            if (scenario.PageSize < 1) errors.Add("pageSize must be at least 1");
            if (errors.Count > 0) throw new InvalidDataException("Invalid scenario: " + string.Join("; ", errors));
            return scenario;
        }

        /// <summary>Consents belong to applications, one entry per tenant; an app cannot be missing from its own tenant.</summary>
        private static void ValidateConsents(ScenarioPrincipal p, HashSet<Guid> tenants, List<string> errors)
        {
            if (p.Consents.Count > 0 && p.AppId is null) errors.Add($"principal {p.ObjectId}: consents need an appId (they are given to applications)");
            var seen = new HashSet<Guid>();
            foreach (ScenarioConsent c in p.Consents)
            {
                if (!tenants.Contains(c.TenantId)) errors.Add($"principal {p.ObjectId}: consent in unknown tenant {c.TenantId}");
                if (!seen.Add(c.TenantId)) errors.Add($"principal {p.ObjectId}: more than one consent in tenant {c.TenantId}");
                if (c.TenantId == p.TenantId && c.Refusal is ConsentRefusal.NotInstalled or ConsentRefusal.MissingServicePrincipal or ConsentRefusal.AppDisabled)
                    errors.Add($"principal {p.ObjectId}: refusal {c.Refusal} cannot apply in the app's home tenant");
            }
        }
    }
}
