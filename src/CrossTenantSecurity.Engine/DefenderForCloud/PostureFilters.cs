using System;
using System.Collections.Generic;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>How each query's filter applies to its kinds: the one place a filter is turned into item and object tests.</summary>
    internal static class PostureFilters
    {
        public static PostureFilter<Recommendation> Of(RecommendationFilter filter) =>
            new PostureFilter<Recommendation> { Keep = r => filter.Keeps(r.Status, r.Severity) };

        public static PostureFilter<Alert> Of(AlertFilter filter) => new PostureFilter<Alert> { Keep = filter.Keeps };

        /// <summary>Plans by name, tested on the item so a plan left out is never built.</summary>
        public static PostureFilter<DefenderPlan> Of(DefenderPlanFilter filter)
        {
            WildcardSet plans = Patterns(filter.Plans, PostureKinds.DefenderPlans.Noun);
            return plans.IsEmpty ? PostureFilter<DefenderPlan>.All
                : new PostureFilter<DefenderPlan> { Item = item => plans.Matches(Json.String(item, "name") ?? string.Empty) };
        }

        public static PostureFilter<RegulatoryComplianceStandard> Standards(ComplianceFilter filter)
        {
            WildcardSet standards = Patterns(filter.Standards, PostureKinds.ComplianceStandards.Noun);
            return standards.IsEmpty ? PostureFilter<RegulatoryComplianceStandard>.All
                : new PostureFilter<RegulatoryComplianceStandard> { Item = item => standards.Matches(Json.String(item, "name") ?? string.Empty) };
        }

        /// <summary>Controls of the kept standards only (over ARM they are read only under those; Resource Graph returns them all).</summary>
        public static PostureFilter<RegulatoryComplianceControl> Controls(ComplianceFilter filter)
        {
            WildcardSet standards = Patterns(filter.Standards, PostureKinds.ComplianceControls.Noun);
            return standards.IsEmpty ? PostureFilter<RegulatoryComplianceControl>.All
                : new PostureFilter<RegulatoryComplianceControl> { Item = item => standards.Matches(ComplianceReader.StandardOf(item)) };
        }

        private static WildcardSet Patterns(IReadOnlyCollection<string>? patterns, string noun)
        {
            try
            {
                return WildcardSet.Parse(patterns);
            }
            catch (ArgumentException e)
            {
                throw new CrossTenantException($"{noun}.InvalidPattern", CrossTenantErrorKind.InvalidArgument, e.Message,
                    "Use * and ? as wildcards and [ ] for a set of characters; put a backtick before a literal [ or ].", e);
            }
        }
    }
}
