using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.Posture
{
    /// <summary>Microsoft.Security resources in the REST API's shapes (see tests/data/arm-examples).</summary>
    internal static class SecurityJson
    {
        public static JsonObject SecureScore(Guid subscriptionId, ScoreResult score) => new()
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Security/secureScores/ascScore",
            ["name"] = "ascScore",
            ["type"] = "Microsoft.Security/secureScores",
            ["properties"] = new JsonObject
            {
                ["displayName"] = "ASC score",
                ["score"] = new JsonObject { ["max"] = score.Max, ["current"] = score.Current, ["percentage"] = score.Percentage },
                ["weight"] = score.Weight,
            },
        };

        public static JsonObject Control(Guid subscriptionId, ControlResult control, bool expandDefinition) => new()
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls/{control.Definition.Name}",
            ["name"] = control.Definition.Name.ToString(),
            ["type"] = "Microsoft.Security/secureScores/secureScoreControls",
            ["properties"] = Add(new JsonObject
            {
                ["displayName"] = control.Definition.DisplayName,
                ["healthyResourceCount"] = control.Healthy,
                ["unhealthyResourceCount"] = control.Unhealthy,
                ["notApplicableResourceCount"] = control.NotApplicable,
                ["score"] = new JsonObject { ["max"] = control.Definition.MaxScore, ["current"] = control.Current, ["percentage"] = control.Percentage },
                ["weight"] = control.Weight,
            }, "definition", expandDefinition ? ControlDefinition(control.Definition, null) : null),
        };

        public static JsonObject ControlDefinition(ControlDefinition control, Guid? subscriptionId) => new()
        {
            ["id"] = (subscriptionId is Guid s ? $"/subscriptions/{s}" : string.Empty) + $"/providers/Microsoft.Security/secureScoreControlDefinitions/{control.Name}",
            ["name"] = control.Name.ToString(),
            ["type"] = "Microsoft.Security/secureScoreControlDefinitions",
            ["properties"] = new JsonObject
            {
                ["displayName"] = control.DisplayName,
                ["description"] = control.Description,
                ["maxScore"] = control.MaxScore,
                ["source"] = new JsonObject { ["sourceType"] = "BuiltIn" },
                ["assessmentDefinitions"] = new JsonArray(SecurityCatalog.Assessments.Where(a => a.Control == control)
                    .Select(a => (JsonNode)new JsonObject { ["id"] = $"/providers/Microsoft.Security/assessmentMetadata/{a.Key}" }).ToArray()),
            },
        };

        public static JsonObject Assessment(AssessmentResult a, bool expandMetadata, bool expandLinks)
        {
            var status = new JsonObject { ["code"] = a.Status };
            if (a.Cause is not null) status["cause"] = a.Cause;
            if (a.StatusDescription is not null) status["description"] = a.StatusDescription;
            status["firstEvaluationDate"] = PostureGenerator.Iso(a.FirstEvaluation);
            status["statusChangeDate"] = PostureGenerator.Iso(a.StatusChange);
            var properties = new JsonObject
            {
                ["resourceDetails"] = new JsonObject { ["source"] = "Azure", ["id"] = a.Resource.Id },
                ["displayName"] = a.Definition.DisplayName,
                ["status"] = status,
                ["additionalData"] = new JsonObject(),
            };
            if (expandMetadata) properties["metadata"] = MetadataProperties(a.Definition);
            if (expandLinks) properties["links"] = new JsonObject { ["azurePortalUri"] = $"https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/{a.Definition.Key}" };
            return new JsonObject
            {
                ["id"] = a.Id,
                ["name"] = a.Definition.Key.ToString(),
                ["type"] = "Microsoft.Security/assessments",
                ["properties"] = properties,
            };
        }

        public static JsonObject Metadata(AssessmentDefinition d, Guid? subscriptionId) => new()
        {
            ["id"] = (subscriptionId is Guid s ? $"/subscriptions/{s}" : string.Empty) + $"/providers/Microsoft.Security/assessmentMetadata/{d.Key}",
            ["name"] = d.Key.ToString(),
            ["type"] = "Microsoft.Security/assessmentMetadata",
            ["properties"] = MetadataProperties(d),
        };

        private static JsonObject MetadataProperties(AssessmentDefinition d) => new()
        {
            ["displayName"] = d.DisplayName,
            ["policyDefinitionId"] = $"/providers/Microsoft.Authorization/policyDefinitions/{StableId.Guid("policy:" + d.DisplayName)}",
            ["description"] = d.Description,
            ["remediationDescription"] = d.RemediationDescription,
            ["categories"] = new JsonArray(JsonValue.Create(d.Category)),
            ["severity"] = d.Severity,
            ["userImpact"] = d.UserImpact,
            ["implementationEffort"] = d.ImplementationEffort,
            ["threats"] = new JsonArray(d.Threats.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            ["preview"] = d.Preview,
            ["assessmentType"] = "BuiltIn",
        };

        public static JsonObject Alert(AlertRecord a, string status, Guid subscriptionId)
        {
            var identifiers = new JsonArray(new JsonObject { ["azureResourceId"] = a.Resource.Id, ["type"] = "AzureResource" });
            return new JsonObject
            {
                ["id"] = a.Id,
                ["name"] = a.Name,
                ["type"] = "Microsoft.Security/Locations/alerts",
                ["properties"] = new JsonObject
                {
                    ["version"] = "2022-01-01",
                    ["alertType"] = a.Definition.AlertType,
                    ["systemAlertId"] = a.Name,
                    ["productComponentName"] = a.Resource.Kind.ToString(),
                    ["alertDisplayName"] = a.Definition.DisplayName,
                    ["description"] = a.Definition.Description,
                    ["severity"] = a.Definition.Severity,
                    ["intent"] = a.Definition.Intent,
                    ["startTimeUtc"] = PostureGenerator.Iso(a.Start),
                    ["endTimeUtc"] = PostureGenerator.Iso(a.End),
                    ["resourceIdentifiers"] = identifiers,
                    ["remediationSteps"] = new JsonArray(JsonValue.Create("Investigate the affected resource and escalate to the customer's SOC.")),
                    ["vendorName"] = "Microsoft",
                    ["status"] = status,
                    ["extendedLinks"] = new JsonArray(),
                    ["alertUri"] = $"https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/{a.Name}/subscriptionId/{subscriptionId}/resourceGroup/{a.Resource.ResourceGroup}/referencedFrom/alertDeepLink/location/{a.Location}",
                    ["timeGeneratedUtc"] = PostureGenerator.Iso(a.Generated),
                    ["productName"] = "Microsoft Defender for Cloud",
                    ["processingEndTimeUtc"] = PostureGenerator.Iso(a.Generated.AddSeconds(1)),
                    ["entities"] = new JsonArray(
                        new JsonObject
                        {
                            ["address"] = a.SourceAddress,
                            ["location"] = new JsonObject { ["countryCode"] = "nl", ["state"] = "north holland", ["city"] = "amsterdam", ["longitude"] = 4.8897, ["latitude"] = 52.374, ["asn"] = 64500 },
                            ["type"] = "ip",
                        },
                        new JsonObject { ["resourceId"] = a.Resource.Id, ["type"] = "azure-resource" }),
                    ["isIncident"] = a.IsIncident,
                    ["correlationKey"] = a.CorrelationKey,
                    ["extendedProperties"] = new JsonObject { ["resourceType"] = PostureGenerator.ArmType(a.Resource.Kind) },
                    ["compromisedEntity"] = a.Resource.Name,
                    ["techniques"] = new JsonArray(a.Definition.Techniques.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
                    ["subTechniques"] = new JsonArray(),
                    ["supportingEvidence"] = new JsonObject
                    {
                        ["type"] = "tabularEvidences",
                        ["title"] = "Related activity",
                        ["columns"] = new JsonArray(JsonValue.Create("Date"), JsonValue.Create("Activity"), JsonValue.Create("Source")),
                        ["rows"] = new JsonArray(new JsonArray(JsonValue.Create(PostureGenerator.Iso(a.Start)), JsonValue.Create(a.Definition.DisplayName), JsonValue.Create(a.SourceAddress))),
                    },
                },
            };
        }

        public static JsonObject Pricing(Guid subscriptionId, PricingRecord p)
        {
            var properties = new JsonObject { ["pricingTier"] = p.Tier };
            if (p.SubPlan is not null) properties["subPlan"] = p.SubPlan;
            properties["freeTrialRemainingTime"] = p.FreeTrialRemaining;
            if (p.EnablementTime is DateTimeOffset enabled) properties["enablementTime"] = PostureGenerator.Iso(enabled);
            properties["enforce"] = p.Enforce ? "True" : "False";
            properties["resourcesCoverageStatus"] = p.Coverage;
            if (p.Plan.Deprecated)
            {
                properties["deprecated"] = true;
                properties["replacedBy"] = new JsonArray(p.Plan.ReplacedBy.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            }
            if (p.Extensions.Count > 0)
            {
                properties["extensions"] = new JsonArray(p.Extensions.Select(e => (JsonNode)Extension(e)).ToArray());
            }
            return new JsonObject
            {
                ["id"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Security/pricings/{p.Plan.Name}",
                ["name"] = p.Plan.Name,
                ["type"] = "Microsoft.Security/pricings",
                ["properties"] = properties,
            };
        }

        private static JsonObject Extension(ExtensionState e)
        {
            var extension = new JsonObject { ["name"] = e.Name, ["isEnabled"] = e.Enabled ? "True" : "False" };
            if (e.Name == "OnUploadMalwareScanning") extension["additionalExtensionProperties"] = new JsonObject { ["CapGBPerMonthPerStorageAccount"] = "5000" };
            if (e.Enabled) extension["operationStatus"] = new JsonObject { ["code"] = "Succeeded", ["message"] = "Successfully updated extension." };
            return extension;
        }

        public static JsonObject Standard(Guid subscriptionId, ComplianceStandard s) => new()
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Security/regulatoryComplianceStandards/{s.Name}",
            ["name"] = s.Name,
            ["type"] = "Microsoft.Security/regulatoryComplianceStandards",
            ["properties"] = new JsonObject
            {
                ["state"] = s.State,
                ["passedControls"] = s.Count("Passed"),
                ["failedControls"] = s.Count("Failed"),
                ["skippedControls"] = s.Count("Skipped"),
                ["unsupportedControls"] = s.Count("Unsupported"),
            },
        };

        public static JsonObject ComplianceControl(Guid subscriptionId, ComplianceStandard s, ComplianceControl c) => new()
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Security/regulatoryComplianceStandards/{s.Name}/regulatoryComplianceControls/{c.Name}",
            ["name"] = c.Name,
            ["type"] = "Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls",
            ["properties"] = new JsonObject
            {
                ["description"] = c.Description,
                ["state"] = c.State,
                ["passedAssessments"] = c.Count("Passed"),
                ["failedAssessments"] = c.Count("Failed"),
                ["skippedAssessments"] = c.Count("Skipped"),
                ["unsupportedAssessments"] = c.Count("Unsupported"),
            },
        };

        public static JsonObject ComplianceAssessment(Guid subscriptionId, ComplianceStandard s, ComplianceControl c, ComplianceAssessment a) => new()
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Security/regulatoryComplianceStandards/{s.Name}/regulatoryComplianceControls/{c.Name}/regulatoryComplianceAssessments/{a.Name}",
            ["name"] = a.Name.ToString(),
            ["type"] = "Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls/regulatoryComplianceAssessments",
            ["properties"] = new JsonObject
            {
                ["description"] = a.Description,
                ["assessmentType"] = a.AssessmentType,
                ["assessmentDetailsLink"] = $"https://management.azure.com/subscriptions/{subscriptionId}/providers/Microsoft.Security/assessments/{a.Name}",
                ["state"] = a.State,
                ["passedResources"] = a.Passed,
                ["failedResources"] = a.Failed,
                ["skippedResources"] = a.Skipped,
                ["unsupportedResources"] = a.Unsupported,
            },
        };

        public static JsonObject Jit(Guid subscriptionId, JitPolicy j) => new()
        {
            ["id"] = $"/subscriptions/{subscriptionId}/resourceGroups/{j.ResourceGroup}/providers/Microsoft.Security/locations/{j.Location}/jitNetworkAccessPolicies/default",
            ["name"] = "default",
            ["type"] = "Microsoft.Security/locations/jitNetworkAccessPolicies",
            ["kind"] = "Basic",
            ["location"] = j.Location,
            ["properties"] = new JsonObject
            {
                ["virtualMachines"] = new JsonArray(j.VirtualMachines.Select(vm => (JsonNode)new JsonObject
                {
                    ["id"] = vm.Id,
                    ["ports"] = new JsonArray(
                        new JsonObject { ["number"] = 22, ["protocol"] = "*", ["allowedSourceAddressPrefix"] = "*", ["maxRequestAccessDuration"] = "PT3H" },
                        new JsonObject { ["number"] = 3389, ["protocol"] = "*", ["allowedSourceAddressPrefix"] = "*", ["maxRequestAccessDuration"] = "PT3H" }),
                }).ToArray()),
                ["requests"] = new JsonArray(),
                ["provisioningState"] = "Succeeded",
            },
        };

        public static JsonObject Contact(Guid subscriptionId, SecurityContact c) => new()
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Security/securityContacts/default",
            ["name"] = "default",
            ["type"] = "Microsoft.Security/securityContacts",
            ["properties"] = new JsonObject
            {
                ["emails"] = c.Emails,
                ["phone"] = c.Phone,
                ["isEnabled"] = true,
                ["notificationsByRole"] = new JsonObject { ["state"] = "On", ["roles"] = new JsonArray(JsonValue.Create("Owner")) },
                ["notificationsSources"] = new JsonArray(
                    new JsonObject { ["sourceType"] = "Alert", ["minimalSeverity"] = c.AlertMinimalSeverity },
                    new JsonObject { ["sourceType"] = "AttackPath", ["minimalRiskLevel"] = "Critical" }),
            },
        };

        private static JsonObject Add(JsonObject target, string name, JsonNode? value)
        {
            if (value is not null) target[name] = value;
            return target;
        }
    }
}
