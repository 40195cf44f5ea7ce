using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Which read a request is, finer than <see cref="EndpointClass"/>: what a body-fault rule can be narrowed to.</summary>
    public enum PostureEndpoint
    {
        /// <summary>secureScores (the list and ascScore).</summary>
        SecureScores,
        /// <summary>secureScores/{name}/secureScoreControls, secureScoreControls and secureScoreControlDefinitions.</summary>
        SecureScoreControls,
        /// <summary>assessments (list, single, resource-scoped) and subAssessments.</summary>
        Assessments,
        AssessmentMetadata,
        /// <summary>alerts and locations/{location}/alerts.</summary>
        Alerts,
        Pricings,
        /// <summary>regulatoryComplianceStandards and its controls and assessments.</summary>
        Compliance,
        /// <summary>jitNetworkAccessPolicies.</summary>
        Jit,
        SecurityContacts,
        /// <summary>Any other Microsoft.Security read.</summary>
        OtherSecurity,
        /// <summary>GET /subscriptions and /subscriptions/{id}: hit only by a rule that names it.</summary>
        Subscriptions,
        /// <summary>GET /tenants: hit only by a rule that names it.</summary>
        Tenants,
        /// <summary>POST /providers/Microsoft.ResourceGraph/resources (its list is "data"): hit only by a rule that names it.</summary>
        ResourceGraph,
    }

    public static class PostureEndpoints
    {
        /// <summary>ARM resource types (the last one in a path wins), also accepted as names on the command line.</summary>
        internal static readonly IReadOnlyDictionary<string, PostureEndpoint> ByResourceType = new Dictionary<string, PostureEndpoint>(StringComparer.OrdinalIgnoreCase)
        {
            ["secureScores"] = PostureEndpoint.SecureScores,
            ["secureScoreControls"] = PostureEndpoint.SecureScoreControls,
            ["secureScoreControlDefinitions"] = PostureEndpoint.SecureScoreControls,
            ["assessments"] = PostureEndpoint.Assessments,
            ["subAssessments"] = PostureEndpoint.Assessments,
            ["assessmentMetadata"] = PostureEndpoint.AssessmentMetadata,
            ["alerts"] = PostureEndpoint.Alerts,
            ["pricings"] = PostureEndpoint.Pricings,
            ["regulatoryComplianceStandards"] = PostureEndpoint.Compliance,
            ["regulatoryComplianceControls"] = PostureEndpoint.Compliance,
            ["regulatoryComplianceAssessments"] = PostureEndpoint.Compliance,
            ["jitNetworkAccessPolicies"] = PostureEndpoint.Jit,
            ["securityContacts"] = PostureEndpoint.SecurityContacts,
        };

        /// <summary>Listings and Resource Graph are not Microsoft.Security reads: random and subscription-wide rules leave them alone.</summary>
        public static bool NeedsExplicitRule(PostureEndpoint endpoint) =>
            endpoint is PostureEndpoint.Subscriptions or PostureEndpoint.Tenants or PostureEndpoint.ResourceGraph;

        /// <summary>An enum name or an ARM resource type, case-insensitively.</summary>
        public static bool TryParse(string text, out PostureEndpoint endpoint)
        {
            if (ByResourceType.TryGetValue(text, out endpoint)) return true;
            // Enum.TryParse also takes numbers; names only here.
            return text.Length > 0 && char.IsLetter(text[0]) && Enum.TryParse(text, ignoreCase: true, out endpoint);
        }
    }
}
