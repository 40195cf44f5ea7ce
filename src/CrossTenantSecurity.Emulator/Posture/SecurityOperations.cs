using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrossTenantSecurity.Emulator.Arm;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Posture
{
    /// <summary>The Microsoft.Security operations the module reads (and the two it writes), over generated posture.</summary>
    internal static class SecurityOperations
    {
        private const string Ns = "Microsoft.Security";
        private static readonly ApiVersionRule Scores = new("secureScores", "2020-01-01");
        private static readonly ApiVersionRule Assessments = new("assessments", "2019-01-01-preview", "2020-01-01", "2021-06-01", "2025-05-04");
        private static readonly ApiVersionRule Alerts = new("alerts", "2019-01-01", "2020-01-01", "2021-01-01", "2022-01-01");
        private static readonly ApiVersionRule Pricings = new("pricings", "2018-06-01", "2022-03-01", "2023-01-01", "2024-01-01");
        private static readonly ApiVersionRule Compliance = new("regulatoryComplianceStandards", "2019-01-01-preview");
        private static readonly ApiVersionRule Jit = new("jitNetworkAccessPolicies", "2015-06-01-preview", "2020-01-01");
        private static readonly ApiVersionRule Contacts = new("securityContacts", "2023-12-01-preview");

        private static readonly Dictionary<string, string> AlertActions = new(StringComparer.OrdinalIgnoreCase)
        {
            ["dismiss"] = "Dismissed", ["activate"] = "Active", ["resolve"] = "Resolved", ["inProgress"] = "InProgress",
        };

        private const ScopeKinds Sub = ScopeKinds.Subscription;
        private const ScopeKinds SubOrGroup = ScopeKinds.Subscription | ScopeKinds.ResourceGroup;

        public static IEnumerable<ProviderOperation> All()
        {
            yield return Get(new[] { "secureScores" }, Sub, "Microsoft.Security/secureScores/read", Scores, c =>
                ListResponse.Create(c, Posture(c).Score is { } s ? new[] { s } : Array.Empty<ScoreResult>(), s => SecurityJson.SecureScore(c.Subscription, s)));
            yield return Get(new[] { "secureScores", "*" }, Sub, "Microsoft.Security/secureScores/read", Scores, GetScore);
            yield return Get(new[] { "secureScores", "*", "secureScoreControls" }, Sub, "Microsoft.Security/secureScores/secureScoreControls/read", Scores, c =>
                !c.Segment(1).Equals("ascScore", StringComparison.OrdinalIgnoreCase) ? ScoreNotFound(c) : ListControls(c));
            yield return Get(new[] { "secureScoreControls" }, Sub, "Microsoft.Security/secureScoreControls/read", Scores, ListControls);
            yield return Get(new[] { "secureScoreControlDefinitions" }, ScopeKinds.Tenant | Sub, "Microsoft.Security/secureScoreControlDefinitions/read", Scores, c =>
                ListResponse.Create(c, SecurityCatalog.Controls, d => SecurityJson.ControlDefinition(d, c.Path.SubscriptionId)));

            yield return Get(new[] { "assessments" }, SubOrGroup, "Microsoft.Security/assessments/read", Assessments, ListAssessments);
            yield return Get(new[] { "assessments", "*" }, Sub | ScopeKinds.Resource, "Microsoft.Security/assessments/read", Assessments, GetAssessment);
            yield return Get(new[] { "assessmentMetadata" }, ScopeKinds.Tenant | Sub, "Microsoft.Security/assessmentMetadata/read", Assessments, c =>
                ListResponse.Create(c, SecurityCatalog.Assessments, d => SecurityJson.Metadata(d, c.Path.SubscriptionId)));
            yield return Get(new[] { "assessmentMetadata", "*" }, ScopeKinds.Tenant | Sub, "Microsoft.Security/assessmentMetadata/read", Assessments, GetMetadata);

            yield return Get(new[] { "alerts" }, SubOrGroup, "Microsoft.Security/locations/alerts/read", Alerts, c => ListAlerts(c, location: null));
            yield return Get(new[] { "locations", "*", "alerts" }, SubOrGroup, "Microsoft.Security/locations/alerts/read", Alerts, c => ListAlerts(c, c.Segment(1)));
            yield return Get(new[] { "locations", "*", "alerts", "*" }, SubOrGroup, "Microsoft.Security/locations/alerts/read", Alerts, GetAlert);
            foreach (var action in AlertActions)
            {
                yield return new ProviderOperation(Ns, "POST", new[] { "locations", "*", "alerts", "*", action.Key }, SubOrGroup,
                    $"Microsoft.Security/locations/alerts/{action.Key}/action", Alerts, c => ChangeAlert(c, action.Value));
            }

            yield return Get(new[] { "pricings" }, Sub, "Microsoft.Security/pricings/read", Pricings, c =>
                Results.Json(new { value = Posture(c).Pricings.Select(p => SecurityJson.Pricing(c.Subscription, c.Runtime.Posture.Pricing(c.Subscription, p))).ToList() }));
            yield return Get(new[] { "pricings", "*" }, Sub, "Microsoft.Security/pricings/read", Pricings, GetPricing);
            yield return new ProviderOperation(Ns, "PUT", new[] { "pricings", "*" }, Sub, "Microsoft.Security/pricings/write", Pricings, PutPricing);

            yield return Get(new[] { "regulatoryComplianceStandards" }, Sub, "Microsoft.Security/regulatoryComplianceStandards/read", Compliance, c =>
                ListResponse.Create(c, Posture(c).Standards, s => SecurityJson.Standard(c.Subscription, s)));
            yield return Get(new[] { "regulatoryComplianceStandards", "*" }, Sub, "Microsoft.Security/regulatoryComplianceStandards/read", Compliance, c =>
                FindStandard(c) is { } s ? Json(SecurityJson.Standard(c.Subscription, s)) : NotFound(c, "regulatoryComplianceStandards"));
            yield return Get(new[] { "regulatoryComplianceStandards", "*", "regulatoryComplianceControls" }, Sub, "Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls/read", Compliance, c =>
                FindStandard(c) is { } s ? ListResponse.Create(c, s.Controls, x => SecurityJson.ComplianceControl(c.Subscription, s, x)) : NotFound(c, "regulatoryComplianceStandards"));
            yield return Get(new[] { "regulatoryComplianceStandards", "*", "regulatoryComplianceControls", "*" }, Sub, "Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls/read", Compliance, c =>
                FindStandard(c) is { } s && FindControl(s, c.Segment(3)) is { } x ? Json(SecurityJson.ComplianceControl(c.Subscription, s, x)) : NotFound(c, "regulatoryComplianceControls"));
            yield return Get(new[] { "regulatoryComplianceStandards", "*", "regulatoryComplianceControls", "*", "regulatoryComplianceAssessments" }, Sub,
                "Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls/regulatoryComplianceAssessments/read", Compliance, c =>
                FindStandard(c) is { } s && FindControl(s, c.Segment(3)) is { } x
                    ? ListResponse.Create(c, x.Assessments, a => SecurityJson.ComplianceAssessment(c.Subscription, s, x, a)) : NotFound(c, "regulatoryComplianceControls"));
            yield return Get(new[] { "regulatoryComplianceStandards", "*", "regulatoryComplianceControls", "*", "regulatoryComplianceAssessments", "*" }, Sub,
                "Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls/regulatoryComplianceAssessments/read", Compliance, c =>
                FindStandard(c) is { } s && FindControl(s, c.Segment(3)) is { } x && x.Assessments.FirstOrDefault(a => a.Name.ToString().Equals(c.Segment(5), StringComparison.OrdinalIgnoreCase)) is { } a
                    ? Json(SecurityJson.ComplianceAssessment(c.Subscription, s, x, a)) : NotFound(c, "regulatoryComplianceAssessments"));

            yield return Get(new[] { "jitNetworkAccessPolicies" }, SubOrGroup, "Microsoft.Security/locations/jitNetworkAccessPolicies/read", Jit, c => ListJit(c, null));
            yield return Get(new[] { "locations", "*", "jitNetworkAccessPolicies" }, SubOrGroup, "Microsoft.Security/locations/jitNetworkAccessPolicies/read", Jit, c => ListJit(c, c.Segment(1)));

            yield return Get(new[] { "securityContacts" }, Sub, "Microsoft.Security/securityContacts/read", Contacts, c =>
                ListResponse.Create(c, Posture(c).Contact is { } x ? new[] { x } : Array.Empty<SecurityContact>(), x => SecurityJson.Contact(c.Subscription, x)));
            yield return Get(new[] { "securityContacts", "*" }, Sub, "Microsoft.Security/securityContacts/read", Contacts, c =>
                c.Segment(1).Equals("default", StringComparison.OrdinalIgnoreCase) && Posture(c).Contact is { } x ? Json(SecurityJson.Contact(c.Subscription, x)) : NotFound(c, "securityContacts"));
        }

        private static ProviderOperation Get(string[] pattern, ScopeKinds scopes, string action, ApiVersionRule versions, Func<ProviderCall, IResult> handle) =>
            new(Ns, "GET", pattern, scopes, action, versions, handle);

        private static SubscriptionPosture Posture(ProviderCall c) => c.Runtime.Posture.For(c.Subscription)!;

        private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json; charset=utf-8");

        private static IResult NotFound(ProviderCall c, string type) =>
            ArmErrors.Create(404, "ResourceNotFound", $"The Resource 'Microsoft.Security/{type}/{c.Path.Segments[^1]}' under scope '{c.Path.Scope}' was not found.");

        private static IResult ScoreNotFound(ProviderCall c) =>
            ArmErrors.Create(404, "ResourceNotFound", $"Secure score '{c.Segment(1)}' was not found for subscription '{c.Subscription}'. Secure score is computed after Defender for Cloud first assesses the subscription.");

        private static IResult GetScore(ProviderCall c) =>
            c.Segment(1).Equals("ascScore", StringComparison.OrdinalIgnoreCase) && Posture(c).Score is { } s ? Json(SecurityJson.SecureScore(c.Subscription, s)) : ScoreNotFound(c);

        private static IResult ListControls(ProviderCall c)
        {
            bool expand = c.Query("$expand").Equals("definition", StringComparison.OrdinalIgnoreCase);
            return ListResponse.Create(c, Posture(c).Controls, x => SecurityJson.Control(c.Subscription, x, expand));
        }

        private static (bool Metadata, bool Links) Expand(ProviderCall c)
        {
            string expand = c.Query("$expand");
            return (expand.Contains("metadata", StringComparison.OrdinalIgnoreCase), expand.Contains("links", StringComparison.OrdinalIgnoreCase));
        }

        private static IResult ListAssessments(ProviderCall c)
        {
            var (metadata, links) = Expand(c);
            IReadOnlyList<AssessmentResult> all = Posture(c).Assessments;
            if (c.Path.ResourceGroup is string group) all = all.Where(a => a.Resource.ResourceGroup.Equals(group, StringComparison.OrdinalIgnoreCase)).ToList();
            return ListResponse.Create(c, all, a => SecurityJson.Assessment(a, metadata, links));
        }

        private static IResult GetAssessment(ProviderCall c)
        {
            var (metadata, links) = Expand(c);
            AssessmentResult? found = Posture(c).Assessments.FirstOrDefault(a =>
                a.Resource.Id.Equals(c.Path.Scope, StringComparison.OrdinalIgnoreCase) && a.Definition.Key.ToString().Equals(c.Segment(1), StringComparison.OrdinalIgnoreCase));
            return found is null ? NotFound(c, "assessments") : Json(SecurityJson.Assessment(found, metadata, links));
        }

        private static IResult GetMetadata(ProviderCall c) =>
            Guid.TryParse(c.Segment(1), out Guid key) && SecurityCatalog.AssessmentsByKey.TryGetValue(key, out AssessmentDefinition? d)
                ? Json(SecurityJson.Metadata(d, c.Path.SubscriptionId)) : NotFound(c, "assessmentMetadata");

        private static IEnumerable<AlertRecord> AlertsInScope(ProviderCall c, string? location) =>
            Posture(c).Alerts.Where(a =>
                (c.Path.ResourceGroup is null || a.Resource.ResourceGroup.Equals(c.Path.ResourceGroup, StringComparison.OrdinalIgnoreCase)) &&
                (location is null || a.Location.Equals(location, StringComparison.OrdinalIgnoreCase)));

        private static IResult ListAlerts(ProviderCall c, string? location) =>
            ListResponse.Create(c, AlertsInScope(c, location).ToList(), a => SecurityJson.Alert(a, c.Runtime.Posture.AlertStatus(a), c.Subscription));

        private static AlertRecord? FindAlert(ProviderCall c) =>
            AlertsInScope(c, c.Segment(1)).FirstOrDefault(a =>
                a.IdSegment.Equals(c.Segment(3), StringComparison.OrdinalIgnoreCase) || a.Name.Equals(c.Segment(3), StringComparison.OrdinalIgnoreCase));

        private static IResult GetAlert(ProviderCall c) =>
            FindAlert(c) is { } a ? Json(SecurityJson.Alert(a, c.Runtime.Posture.AlertStatus(a), c.Subscription)) : NotFound(c, "locations/alerts");

        /// <summary>State changes are idempotent and answer 204 with no body, as the service does.</summary>
        private static IResult ChangeAlert(ProviderCall c, string status)
        {
            if (FindAlert(c) is not { } alert) return NotFound(c, "locations/alerts");
            c.Runtime.Posture.SetAlertStatus(alert, status);
            return Results.StatusCode(204);
        }

        private static IResult GetPricing(ProviderCall c) =>
            Posture(c).Pricings.FirstOrDefault(p => p.Plan.Name.Equals(c.Segment(1), StringComparison.OrdinalIgnoreCase)) is { } p
                ? Json(SecurityJson.Pricing(c.Subscription, c.Runtime.Posture.Pricing(c.Subscription, p))) : NotFound(c, "pricings");

        private static IResult PutPricing(ProviderCall c)
        {
            PricingRecord? current = Posture(c).Pricings.FirstOrDefault(p => p.Plan.Name.Equals(c.Segment(1), StringComparison.OrdinalIgnoreCase));
            if (current is null) return NotFound(c, "pricings");
            current = c.Runtime.Posture.Pricing(c.Subscription, current);
            JsonNode? body;
            try { body = JsonNode.Parse(c.Body.Length == 0 ? "null" : c.Body); }
            catch (JsonException e) { return ArmErrors.Create(400, "InvalidRequestContent", $"The request content was invalid and could not be deserialized: '{e.Message}'."); }
            string? tier = body?["properties"]?["pricingTier"]?.GetValue<string>();
            if (tier is null || !(tier.Equals("Free", StringComparison.OrdinalIgnoreCase) || tier.Equals("Standard", StringComparison.OrdinalIgnoreCase)))
                return ArmErrors.Create(400, "InvalidInputJson", "The property 'pricingTier' must be 'Free' or 'Standard'.");
            bool standard = tier.Equals("Standard", StringComparison.OrdinalIgnoreCase);
            if (standard && current.Plan.Deprecated)
                return ArmErrors.Create(400, "PricingDeprecated", $"The plan '{current.Plan.Name}' is deprecated; use '{string.Join("', '", current.Plan.ReplacedBy)}' instead.");
            string? subPlan = body?["properties"]?["subPlan"]?.GetValue<string>() ?? (standard ? current.SubPlan ?? current.Plan.DefaultSubPlan : null);
            string? enforce = body?["properties"]?["enforce"]?.GetValue<string>();
            var updated = current with
            {
                Tier = standard ? "Standard" : "Free",
                SubPlan = standard ? subPlan : null,
                EnablementTime = standard ? current.EnablementTime ?? c.Runtime.Estate.Scenario.ReferenceTime : null,
                Enforce = enforce is null ? current.Enforce : enforce.Equals("True", StringComparison.OrdinalIgnoreCase),
                Coverage = standard ? "FullyCovered" : "NotCovered",
                Extensions = standard ? (current.Extensions.Count > 0 ? current.Extensions : current.Plan.Extensions.Select(e => new ExtensionState(e, true)).ToList()) : Array.Empty<ExtensionState>(),
            };
            c.Runtime.Posture.SetPricing(c.Subscription, updated);
            return Json(SecurityJson.Pricing(c.Subscription, updated));
        }

        private static ComplianceStandard? FindStandard(ProviderCall c) =>
            Posture(c).Standards.FirstOrDefault(s => s.Name.Equals(c.Segment(1), StringComparison.OrdinalIgnoreCase));

        private static ComplianceControl? FindControl(ComplianceStandard s, string name) =>
            s.Controls.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

        private static IResult ListJit(ProviderCall c, string? location)
        {
            JitPolicy? policy = Posture(c).Jit;
            bool visible = policy is not null &&
                (location is null || policy.Location.Equals(location, StringComparison.OrdinalIgnoreCase)) &&
                (c.Path.ResourceGroup is null || policy.ResourceGroup.Equals(c.Path.ResourceGroup, StringComparison.OrdinalIgnoreCase));
            return ListResponse.Create(c, visible ? new[] { policy! } : Array.Empty<JitPolicy>(), j => SecurityJson.Jit(c.Subscription, j));
        }
    }
}
