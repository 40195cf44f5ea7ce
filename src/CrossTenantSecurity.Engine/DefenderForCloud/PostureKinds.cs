using System;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Tenancy;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// Every posture kind the engine reads, described once (azure-api-reference.md, section 3). A new kind is a new
    /// description here, read by <see cref="PostureReader"/> like the others. <see cref="PostureKind{T}.Required"/> names
    /// only fields that Microsoft's examples (tests/data/arm-examples, azure-rest-api-specs) always carry.
    /// </summary>
    internal static class PostureKinds
    {
        /// <summary>The default initiative's score: one GET of ascScore.</summary>
        public static readonly PostureKind<SecureScore> SecureScore = new PostureKind<SecureScore>
        {
            Noun = "SecureScore",
            Path = "providers/Microsoft.Security/secureScores/ascScore",
            ApiVersion = ApiVersions.SecureScores,
            Shape = PostureShape.Single,
            GraphType = "microsoft.security/securescores",
            GraphRows = row => string.Equals(Json.String(row, "name"), "ascScore", StringComparison.OrdinalIgnoreCase),
            Required = new RequiredFields
            {
                { "properties.score.current", FieldType.Number },
                { "properties.score.max", FieldType.Number },
                { "properties.score.percentage", FieldType.Number },
                { "properties.weight", FieldType.Number },
            },
            Parse = SecureScoreReader.Parse,
            OnNotFound = SecureScoreReader.NotReady,
        };

        public static readonly PostureKind<SecureScoreControl> SecureScoreControls = new PostureKind<SecureScoreControl>
        {
            Noun = "SecureScoreControl",
            Path = "providers/Microsoft.Security/secureScores/ascScore/secureScoreControls",
            ApiVersion = ApiVersions.SecureScores,
            GraphType = "microsoft.security/securescores/securescorecontrols",
            Required = new RequiredFields
            {
                { "name", FieldType.String },
                { "properties.score.current", FieldType.Number },
                { "properties.score.max", FieldType.Number },
                { "properties.score.percentage", FieldType.Number },
                { "properties.healthyResourceCount", FieldType.Number },
                { "properties.unhealthyResourceCount", FieldType.Number },
                { "properties.notApplicableResourceCount", FieldType.Number },
                { "properties.weight", FieldType.Number },
            },
            Parse = SecureScoreControlReader.Parse,
        };

        /// <summary>Assessments with their metadata expanded, or joined from the assessmentMetadata list when an item comes without it.</summary>
        public static readonly PostureKind<Recommendation> Recommendations = new PostureKind<Recommendation>
        {
            Noun = "Recommendation",
            Path = "providers/Microsoft.Security/assessments",
            ApiVersion = ApiVersions.Assessments,
            Query = "$expand=metadata",
            GraphType = "microsoft.security/assessments",
            ScopeFallback = true,
            Required = new RequiredFields { { "name", FieldType.String }, { "properties.status.code", FieldType.String } },
            Parse = RecommendationReader.Parse,
            Join = AssessmentMetadataJoin.Instance,
        };

        /// <summary>The 2022-01-01 list has no server-side filter; filters apply to the built alerts.</summary>
        public static readonly PostureKind<Alert> Alerts = new PostureKind<Alert>
        {
            Noun = "Alert",
            Path = "providers/Microsoft.Security/alerts",
            ApiVersion = ApiVersions.Alerts,
            GraphType = "microsoft.security/locations/alerts",
            ScopeFallback = true,
            Required = new RequiredFields { { "id", FieldType.String }, { "name", FieldType.String }, { "properties.status", FieldType.String } },
            Parse = AlertReader.Parse,
        };

        /// <summary>Pricings: not pageable (one page).</summary>
        public static readonly PostureKind<DefenderPlan> DefenderPlans = new PostureKind<DefenderPlan>
        {
            Noun = "DefenderPlan",
            Path = "providers/Microsoft.Security/pricings",
            ApiVersion = ApiVersions.Pricings,
            GraphType = "microsoft.security/pricings",
            Required = new RequiredFields { { "name", FieldType.String }, { "properties.pricingTier", FieldType.String } },
            Parse = DefenderPlanReader.Parse,
        };

        public static readonly PostureKind<RegulatoryComplianceStandard> ComplianceStandards = new PostureKind<RegulatoryComplianceStandard>
        {
            Noun = "RegulatoryCompliance",
            Path = "providers/Microsoft.Security/regulatoryComplianceStandards",
            ApiVersion = ApiVersions.RegulatoryCompliance,
            GraphType = "microsoft.security/regulatorycompliancestandards",
            Required = new RequiredFields
            {
                { "name", FieldType.String },
                { "properties.state", FieldType.String },
                { "properties.passedControls", FieldType.Number },
                { "properties.failedControls", FieldType.Number },
                { "properties.skippedControls", FieldType.Number },
                { "properties.unsupportedControls", FieldType.Number },
            },
            Parse = ComplianceReader.ParseStandard,
        };

        /// <summary>A list per standard: one request per standard over ARM, one query for all from Resource Graph.</summary>
        public static readonly PostureKind<RegulatoryComplianceControl> ComplianceControls = new PostureKind<RegulatoryComplianceControl>
        {
            Noun = "RegulatoryCompliance",
            Path = "providers/Microsoft.Security/regulatoryComplianceStandards/{parent}/regulatoryComplianceControls",
            ApiVersion = ApiVersions.RegulatoryCompliance,
            GraphType = "microsoft.security/regulatorycompliancestandards/regulatorycompliancecontrols",
            PreferGraph = true,
            Required = new RequiredFields
            {
                { "id", FieldType.String },
                { "name", FieldType.String },
                { "properties.state", FieldType.String },
                { "properties.passedAssessments", FieldType.Number },
                { "properties.failedAssessments", FieldType.Number },
                { "properties.skippedAssessments", FieldType.Number },
            },
            Parse = ComplianceReader.ParseControl,
        };

        public static readonly ChildKind<RegulatoryComplianceStandard, RegulatoryComplianceControl> ControlsOfStandard =
            new ChildKind<RegulatoryComplianceStandard, RegulatoryComplianceControl> { Kind = ComplianceControls, ParentName = standard => standard.Standard };

        /// <summary>Lighthouse assignments with their definitions expanded; not in securityresources, so always over ARM.</summary>
        public static readonly PostureKind<Delegation> Delegations = new PostureKind<Delegation>
        {
            Noun = "Delegation",
            Path = "providers/Microsoft.ManagedServices/registrationAssignments",
            ApiVersion = ApiVersions.ManagedServices,
            Query = "$expandRegistrationDefinition=true",
            ScopeFallback = true,
            Required = new RequiredFields { { "id", FieldType.String }, { "properties.registrationDefinitionId", FieldType.String } },
            Parse = DelegationReader.Parse,
        };
    }
}
