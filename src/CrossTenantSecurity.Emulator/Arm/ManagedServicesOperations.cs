using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrossTenantSecurity.Emulator.Posture;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>
    /// Microsoft.ManagedServices (Azure Lighthouse): registration definitions live at the customer's
    /// subscription; assignments live at the exact scope they delegate (subscription or resource group).
    /// </summary>
    internal static class ManagedServicesOperations
    {
        private const string Ns = "Microsoft.ManagedServices";
        private static readonly ApiVersionRule Versions = new("registrationAssignments", "2019-09-01", "2020-02-01-preview", "2022-01-01-preview", "2022-10-01");
        private const ScopeKinds SubOrGroup = ScopeKinds.Subscription | ScopeKinds.ResourceGroup;

        public static IEnumerable<ProviderOperation> All()
        {
            yield return new ProviderOperation(Ns, "GET", new[] { "registrationDefinitions" }, SubOrGroup, "Microsoft.ManagedServices/registrationDefinitions/read", Versions, c =>
            {
                if (Filter(c) is not { } filter) return BadFilter(c);
                var items = Delegations(c).Where(d => d.Scopes.Any(s => InSubscription(s, c.Subscription)) && filter(d)).ToList();
                return ListResponse.Create(c, items, d => Definition(c, d), securityList: false);
            });
            yield return new ProviderOperation(Ns, "GET", new[] { "registrationDefinitions", "*" }, SubOrGroup, "Microsoft.ManagedServices/registrationDefinitions/read", Versions, c =>
                Delegations(c).FirstOrDefault(d => d.Id.ToString().Equals(c.Segment(1), StringComparison.OrdinalIgnoreCase) && d.Scopes.Any(s => InSubscription(s, c.Subscription))) is { } d
                    ? Json(Definition(c, d)) : NotFound(c, "registrationDefinitions"));
            yield return new ProviderOperation(Ns, "GET", new[] { "registrationAssignments" }, SubOrGroup, "Microsoft.ManagedServices/registrationAssignments/read", Versions, c =>
            {
                if (Filter(c) is not { } filter) return BadFilter(c);
                var items = Assignments(c).Where(a => filter(a.Delegation)).ToList();
                return ListResponse.Create(c, items, a => Assignment(c, a.Delegation, a.Scope), securityList: false);
            });
            yield return new ProviderOperation(Ns, "GET", new[] { "registrationAssignments", "*" }, SubOrGroup, "Microsoft.ManagedServices/registrationAssignments/read", Versions, c =>
                Assignments(c).FirstOrDefault(a => AssignmentId(a.Delegation, a.Scope).ToString().Equals(c.Segment(1), StringComparison.OrdinalIgnoreCase)) is { } a
                    ? Json(Assignment(c, a.Delegation, a.Scope)) : NotFound(c, "registrationAssignments"));
        }

        private static IEnumerable<ScenarioDelegation> Delegations(ProviderCall c) => c.Runtime.Estate.Scenario.Delegations;

        /// <summary>Assignments at exactly the request's scope.</summary>
        private static IEnumerable<(ScenarioDelegation Delegation, string Scope)> Assignments(ProviderCall c) =>
            Delegations(c).SelectMany(d => d.Scopes.Select(s => (d, s))).Where(a => a.s.Trim('/').Equals(c.Path.Scope.Trim('/'), StringComparison.OrdinalIgnoreCase));

        private static bool InSubscription(string scope, Guid subscription) => ArmScope.TryParse(scope, out ArmScope s) && s.SubscriptionId == subscription;

        public static Guid AssignmentId(ScenarioDelegation d, string scope) => StableId.Guid($"assignment:{d.Id}:{scope.ToLowerInvariant()}");

        /// <summary>$filter=managedByTenantId eq '...' or managedByTenantId in ('...','...'); null when the filter is malformed.</summary>
        private static Func<ScenarioDelegation, bool>? Filter(ProviderCall c)
        {
            string filter = c.Query("$filter").Trim();
            if (filter.Length == 0) return _ => true;
            Match eq = Regex.Match(filter, @"^managedByTenantId\s+eq\s+'([0-9a-fA-F-]{36})'$", RegexOptions.IgnoreCase);
            if (eq.Success) return d => d.ManagedByTenantId == Guid.Parse(eq.Groups[1].Value);
            Match @in = Regex.Match(filter, @"^managedByTenantId\s+in\s+\(([^)]*)\)$", RegexOptions.IgnoreCase);
            if (!@in.Success) return null;
            var tenants = Regex.Matches(@in.Groups[1].Value, "'([0-9a-fA-F-]{36})'").Select(m => Guid.Parse(m.Groups[1].Value)).ToHashSet();
            return d => tenants.Contains(d.ManagedByTenantId);
        }

        private static IResult BadFilter(ProviderCall c) =>
            ArmErrors.Create(400, "InvalidFilter", $"The filter '{c.Query("$filter")}' is not supported. Use managedByTenantId eq '<guid>' or managedByTenantId in ('<guid>', ...).");

        private static JsonObject Definition(ProviderCall c, ScenarioDelegation d)
        {
            var estate = c.Runtime.Estate;
            var properties = new JsonObject
            {
                ["description"] = d.Description ?? d.OfferName,
                ["managedByTenantId"] = d.ManagedByTenantId.ToString(),
                ["registrationDefinitionName"] = d.OfferName,
                ["authorizations"] = new JsonArray(d.Authorizations.Select(a => (JsonNode)Authorization(a)).ToArray()),
                ["eligibleAuthorizations"] = new JsonArray(d.EligibleAuthorizations.Select(e => (JsonNode)new JsonObject
                {
                    ["justInTimeAccessPolicy"] = new JsonObject
                    {
                        ["multiFactorAuthProvider"] = e.MultiFactorAuthProvider,
                        ["maximumActivationDuration"] = e.MaximumActivationDuration,
                        ["managedByTenantApprovers"] = new JsonArray(e.Approvers.Select(p => (JsonNode)new JsonObject
                        {
                            ["principalId"] = p.PrincipalId.ToString(),
                            ["principalIdDisplayName"] = p.PrincipalIdDisplayName,
                        }).ToArray()),
                    },
                    ["principalId"] = e.PrincipalId.ToString(),
                    ["principalIdDisplayName"] = e.PrincipalIdDisplayName,
                    ["roleDefinitionId"] = e.RoleDefinitionId.ToString(),
                }).ToArray()),
                ["provisioningState"] = "Succeeded",
                ["manageeTenantId"] = d.CustomerTenantId.ToString(),
                ["manageeTenantName"] = estate.Tenant(d.CustomerTenantId)?.DisplayName,
                ["managedByTenantName"] = estate.Tenant(d.ManagedByTenantId)?.DisplayName,
            };
            Guid subscription = d.Scopes.Select(s => ArmScope.TryParse(s, out ArmScope x) ? x.SubscriptionId : Guid.Empty)
                .FirstOrDefault(id => c.Path.SubscriptionId is null || id == c.Path.SubscriptionId);
            var definition = new JsonObject { ["properties"] = properties };
            if (d.Plan is { } plan)
                definition["plan"] = new JsonObject { ["name"] = plan.Name, ["product"] = plan.Product, ["publisher"] = plan.Publisher, ["version"] = plan.Version };
            definition["id"] = $"/subscriptions/{subscription}/providers/Microsoft.ManagedServices/registrationDefinitions/{d.Id}";
            definition["type"] = "Microsoft.ManagedServices/registrationDefinitions";
            definition["name"] = d.Id.ToString();
            return definition;
        }

        private static JsonObject Authorization(ScenarioAuthorization a)
        {
            var item = new JsonObject
            {
                ["principalId"] = a.PrincipalId.ToString(),
                ["principalIdDisplayName"] = a.PrincipalIdDisplayName,
                ["roleDefinitionId"] = a.RoleDefinitionId.ToString(),
            };
            if (a.DelegatedRoleDefinitionIds.Count > 0)
                item["delegatedRoleDefinitionIds"] = new JsonArray(a.DelegatedRoleDefinitionIds.Select(r => (JsonNode)JsonValue.Create(r.ToString())!).ToArray());
            return item;
        }

        private static JsonObject Assignment(ProviderCall c, ScenarioDelegation d, string scope)
        {
            string scopeText = "/" + scope.Trim('/');
            JsonObject definition = Definition(c, d);
            var properties = new JsonObject
            {
                ["registrationDefinitionId"] = definition["id"]!.GetValue<string>(),
                ["provisioningState"] = "Succeeded",
            };
            if (c.Query("$expandRegistrationDefinition").Equals("true", StringComparison.OrdinalIgnoreCase)) properties["registrationDefinition"] = definition;
            Guid id = AssignmentId(d, scope);
            return new JsonObject
            {
                ["properties"] = properties,
                ["id"] = $"{scopeText}/providers/Microsoft.ManagedServices/registrationAssignments/{id}",
                ["type"] = "Microsoft.ManagedServices/registrationAssignments",
                ["name"] = id.ToString(),
            };
        }

        private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json; charset=utf-8");

        private static IResult NotFound(ProviderCall c, string type) =>
            ArmErrors.Create(404, "ResourceNotFound", $"The Resource 'Microsoft.ManagedServices/{type}/{c.Path.Segments[^1]}' under scope '{c.Path.Scope}' was not found.");
    }
}
