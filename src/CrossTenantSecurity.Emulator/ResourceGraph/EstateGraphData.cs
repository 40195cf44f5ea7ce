using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using CrossTenantSecurity.Emulator.Arm;
using CrossTenantSecurity.Emulator.Posture;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>
    /// Resource Graph rows built from the same posture the REST endpoints serve, so both paths agree.
    /// Each row is visible only where the caller's roles allow reading it (resource-group delegations see
    /// their groups' rows, not subscription-level ones), and every row carries tenantId = home tenant.
    /// </summary>
    internal sealed class EstateGraphData : IResourceGraphData
    {
        private readonly EmulatorRuntime _runtime;

        public EstateGraphData(EmulatorRuntime runtime) => _runtime = runtime;

        public IReadOnlyList<Guid> QueryableSubscriptions(ArmCaller caller) =>
            _runtime.Estate.VisibleSubscriptions(caller.TenantId, caller.Principal).Select(s => s.Id).OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList();

        public IEnumerable<JsonObject> Rows(string table, ArmCaller caller, IReadOnlyList<Guid> subscriptions)
        {
            foreach (Guid id in subscriptions)
            {
                if (_runtime.Estate.Subscription(id) is not { } subscription) continue;
                List<JsonObject> rows = table.Equals("resourcecontainers", StringComparison.OrdinalIgnoreCase) ? Containers(caller, subscription)
                    : table.Equals("securityresources", StringComparison.OrdinalIgnoreCase) ? Security(caller, subscription)
                    : new List<JsonObject>();
                rows.Sort((a, b) => string.CompareOrdinal(a["id"]!.GetValue<string>(), b["id"]!.GetValue<string>()));
                foreach (JsonObject row in rows) yield return row;
            }
        }

        private bool CanRead(ArmCaller caller, Guid subscriptionId, string? resourceGroup, string action) =>
            _runtime.Authorizer.RolesAt(caller, subscriptionId, resourceGroup).Any(role => role.Allows(action));

        private List<JsonObject> Containers(ArmCaller caller, ScenarioSubscription s)
        {
            var rows = new List<JsonObject>();
            if (CanRead(caller, s.Id, null, "Microsoft.Resources/subscriptions/read") || _runtime.Estate.VisibleSubscriptions(caller.TenantId, caller.Principal).Any(v => v.Id == s.Id))
            {
                rows.Add(Row($"/subscriptions/{s.Id}", s.DisplayName, "microsoft.resources/subscriptions", s, string.Empty, "global", new JsonObject
                {
                    ["state"] = s.State,
                    ["subscriptionPolicies"] = new JsonObject { ["locationPlacementId"] = s.LocationPlacementId, ["quotaId"] = s.QuotaId, ["spendingLimit"] = s.SpendingLimit },
                    ["managedByTenants"] = new JsonArray(_runtime.Estate.ManagedByTenants(s.Id).Select(t => (JsonNode)new JsonObject { ["tenantId"] = t.ToString() }).ToArray()),
                }));
            }
            string location = (s.Posture ?? _runtime.Estate.Scenario.DefaultPosture).Location;
            foreach (string group in s.ResourceGroupNames())
            {
                if (!CanRead(caller, s.Id, group, "Microsoft.Resources/subscriptions/resourceGroups/read")) continue;
                rows.Add(Row($"/subscriptions/{s.Id}/resourceGroups/{group}", group, "microsoft.resources/subscriptions/resourcegroups", s, group, location,
                    new JsonObject { ["provisioningState"] = "Succeeded" }));
            }
            return rows;
        }

        private List<JsonObject> Security(ArmCaller caller, ScenarioSubscription s)
        {
            var rows = new List<JsonObject>();
            SubscriptionPosture? posture = _runtime.Posture.For(s.Id);
            if (posture is null || !posture.SecurityRegistered) return rows;
            bool subscriptionLevel = CanRead(caller, s.Id, null, "Microsoft.Security/assessments/read");

            if (subscriptionLevel)
            {
                if (posture.Score is { } score) rows.Add(FromRest(SecurityJson.SecureScore(s.Id, score), s, string.Empty, string.Empty));
                foreach (ControlResult control in posture.Controls) rows.Add(FromRest(SecurityJson.Control(s.Id, control, false), s, string.Empty, string.Empty));
                foreach (PricingRecord pricing in posture.Pricings) rows.Add(FromRest(SecurityJson.Pricing(s.Id, _runtime.Posture.Pricing(s.Id, pricing)), s, string.Empty, string.Empty));
                foreach (ComplianceStandard standard in posture.Standards)
                {
                    rows.Add(FromRest(SecurityJson.Standard(s.Id, standard), s, string.Empty, string.Empty));
                    foreach (ComplianceControl control in standard.Controls)
                    {
                        rows.Add(FromRest(SecurityJson.ComplianceControl(s.Id, standard, control), s, string.Empty, string.Empty));
                        foreach (ComplianceAssessment assessment in control.Assessments)
                            rows.Add(FromRest(SecurityJson.ComplianceAssessment(s.Id, standard, control, assessment), s, string.Empty, string.Empty));
                    }
                }
            }
            foreach (AssessmentResult assessment in posture.Assessments)
            {
                string group = assessment.Resource.ResourceGroup;
                if (!(subscriptionLevel || (group.Length > 0 && CanRead(caller, s.Id, group, "Microsoft.Security/assessments/read")))) continue;
                // Resource Graph embeds the metadata in every assessment row.
                rows.Add(FromRest(SecurityJson.Assessment(assessment, expandMetadata: true, expandLinks: false), s, group, string.Empty));
            }
            foreach (AlertRecord alert in posture.Alerts)
            {
                string group = alert.Resource.ResourceGroup;
                if (!(subscriptionLevel || CanRead(caller, s.Id, group, "Microsoft.Security/locations/alerts/read"))) continue;
                rows.Add(FromRest(SecurityJson.Alert(alert, _runtime.Posture.AlertStatus(alert), s.Id), s, group, alert.Location));
            }
            return rows;
        }

        /// <summary>A REST resource as a Resource Graph row: the same properties, lower-case type, plus the row columns.</summary>
        private static JsonObject FromRest(JsonObject rest, ScenarioSubscription s, string resourceGroup, string location) =>
            Row(rest["id"]!.GetValue<string>(), rest["name"]!.GetValue<string>(), rest["type"]!.GetValue<string>().ToLowerInvariant(), s, resourceGroup, location,
                (JsonObject)rest["properties"]!.DeepClone());

        private static JsonObject Row(string id, string name, string type, ScenarioSubscription s, string resourceGroup, string location, JsonObject properties) => new()
        {
            ["id"] = id,
            ["name"] = name,
            ["type"] = type,
            ["tenantId"] = s.TenantId.ToString(),
            ["kind"] = string.Empty,
            ["location"] = location,
            ["resourceGroup"] = resourceGroup.ToLowerInvariant(),
            ["subscriptionId"] = s.Id.ToString(),
            ["managedBy"] = string.Empty,
            ["sku"] = null,
            ["plan"] = null,
            ["properties"] = properties,
            ["tags"] = new JsonObject(),
            ["identity"] = null,
            ["zones"] = null,
            ["extendedLocation"] = null,
        };

    }
}
