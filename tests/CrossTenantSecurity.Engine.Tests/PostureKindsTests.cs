using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The catalog of posture kinds: every description is complete (required fields included) and renders the paths azure-api-reference.md names.</summary>
    public class PostureKindsTests
    {
        private static IEnumerable<(string Field, object Kind)> Kinds() =>
            typeof(PostureKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(PostureKind<>))
                .Select(f => (f.Name, f.GetValue(null)!));

        private static T Property<T>(object kind, string name) => (T)kind.GetType().GetProperty(name)!.GetValue(kind)!;

        [Fact]
        public void Every_kind_has_a_noun_a_path_an_api_version_required_fields_and_a_parser()
        {
            var kinds = Kinds().ToList();
            Assert.Equal(8, kinds.Count);
            Assert.All(kinds, k =>
            {
                Assert.False(string.IsNullOrWhiteSpace(Property<string>(k.Kind, "Noun")), k.Field);
                Assert.StartsWith("providers/Microsoft.", Property<string>(k.Kind, "Path"), StringComparison.Ordinal);
                Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}(-preview)?$"), Property<string>(k.Kind, "ApiVersion"));
                Assert.NotNull(Property<Delegate>(k.Kind, "Parse"));
                Assert.NotEmpty(Property<RequiredFields>(k.Kind, "Required"));
            });
        }

        [Fact]
        public void Every_Microsoft_Security_kind_is_in_Resource_Graph_and_Lighthouse_assignments_are_not()
        {
            Assert.All(Kinds().Where(k => Property<bool>(k.Kind, "IsSecurity")), k =>
                Assert.StartsWith("microsoft.security/", k.Kind.GetType().GetProperty("GraphType")!.GetValue(k.Kind) as string, StringComparison.Ordinal));
            Assert.False(PostureKinds.Delegations.IsSecurity);
            Assert.Null(PostureKinds.Delegations.GraphType);
        }

        [Fact]
        public void Paths_render_for_a_subscription_and_a_resource_group()
        {
            const string sub = "subscriptions/5ab00001-0000-4000-8000-000000000000";
            Assert.Equal($"{sub}/providers/Microsoft.Security/secureScores/ascScore?api-version=2020-01-01", PostureKinds.SecureScore.RequestPath(sub));
            Assert.Equal($"{sub}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls?api-version=2020-01-01", PostureKinds.SecureScoreControls.RequestPath(sub));
            Assert.Equal($"{sub}/resourceGroups/rg-1/providers/Microsoft.Security/assessments?api-version=2021-06-01&$expand=metadata",
                PostureKinds.Recommendations.RequestPath($"{sub}/resourceGroups/rg-1"));
            Assert.Equal($"{sub}/providers/Microsoft.Security/alerts?api-version=2022-01-01", PostureKinds.Alerts.RequestPath(sub + "/"));
            Assert.Equal($"{sub}/providers/Microsoft.Security/pricings?api-version=2024-01-01", PostureKinds.DefenderPlans.RequestPath(sub));
            Assert.Equal($"{sub}/providers/Microsoft.Security/regulatoryComplianceStandards?api-version=2019-01-01-preview", PostureKinds.ComplianceStandards.RequestPath(sub));
            Assert.Equal($"{sub}/providers/Microsoft.ManagedServices/registrationAssignments?api-version=2022-10-01&$expandRegistrationDefinition=true",
                PostureKinds.Delegations.RequestPath(sub));
        }

        [Fact]
        public void A_child_kind_renders_under_its_escaped_parent_and_needs_one()
        {
            Assert.Equal("subscriptions/s/providers/Microsoft.Security/regulatoryComplianceStandards/PCI%20DSS%2F3/regulatoryComplianceControls?api-version=2019-01-01-preview",
                PostureKinds.ComplianceControls.RequestPath("subscriptions/s", "PCI DSS/3"));
            Assert.Throws<ArgumentNullException>(() => PostureKinds.ComplianceControls.RequestPath("subscriptions/s"));
            Assert.Same(PostureKinds.ComplianceControls, PostureKinds.ControlsOfStandard.Kind);
        }

        [Fact]
        public void Only_the_score_is_a_single_GET_and_only_lists_of_resources_fall_back_to_resource_groups()
        {
            Assert.Equal(PostureShape.Single, PostureKinds.SecureScore.Shape);
            Assert.All(Kinds().Where(k => k.Field != nameof(PostureKinds.SecureScore)), k => Assert.Equal(PostureShape.List, Property<PostureShape>(k.Kind, "Shape")));
            Assert.Equal(new[] { nameof(PostureKinds.Alerts), nameof(PostureKinds.Delegations), nameof(PostureKinds.Recommendations) },
                Kinds().Where(k => Property<bool>(k.Kind, "ScopeFallback")).Select(k => k.Field).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void A_kind_parsed_as_another_type_keeps_its_description()
        {
            PostureKind<string> keys = PostureKinds.Recommendations.ParsedAs((s, item) => item.GetProperty("name").GetString()!);
            Assert.Equal(PostureKinds.Recommendations.RequestPath("subscriptions/s"), keys.RequestPath("subscriptions/s"));
            Assert.Equal(PostureKinds.Recommendations.GraphType, keys.GraphType);
            Assert.Same(PostureKinds.Recommendations.Join, keys.Join);
            Assert.True(keys.ScopeFallback);
        }
    }
}
