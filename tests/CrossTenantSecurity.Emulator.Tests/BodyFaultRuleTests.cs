using System;
using System.Linq;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>The --body-fault syntax, the rule's own checks, and which endpoint a request is.</summary>
    public class BodyFaultRuleTests
    {
        private const string Production = "2b222222-0000-4000-8000-000000000001";

        [Fact]
        public void The_command_line_takes_repeated_body_faults_in_order()
        {
            EmulatorCommandLine line = EmulatorCommandLine.Parse(new[]
            {
                "--body-fault", $"NullValue@{Production}/assessments",
                "--seed", "9",
                "--body-fault", "wrongtypes:5%",
                "--body-fault", $"HtmlPage:0.25@{Production}",
                "--body-fault", "EmptyObject@*/regulatoryComplianceStandards",
                "--body-fault", "ObjectValue@Subscriptions",
            });
            Assert.Equal(new[]
            {
                new BodyFaultRule(BodyFaultKind.NullValue, Guid.Parse(Production), PostureEndpoint.Assessments),
                new BodyFaultRule(BodyFaultKind.WrongTypes, rate: 0.05),
                new BodyFaultRule(BodyFaultKind.HtmlPage, Guid.Parse(Production), rate: 0.25),
                new BodyFaultRule(BodyFaultKind.EmptyObject, endpoint: PostureEndpoint.Compliance),
                new BodyFaultRule(BodyFaultKind.ObjectValue, endpoint: PostureEndpoint.Subscriptions),
            }, line.Options.Behaviour.BodyFaults.Current);
            Assert.Equal(9, line.Options.Behaviour.Seed);
        }

        [Theory]
        [InlineData("TruncatedJson")]
        [InlineData("WrongTypes:0.05")]
        [InlineData("Hang@" + Production)]
        [InlineData("EmptyBody@Alerts")]
        [InlineData("ResetMidBody:0.5@" + Production + "/SecureScores")]
        [InlineData("NullValue@ResourceGraph")]
        public void A_rule_prints_as_it_is_written(string text)
        {
            BodyFaultRule rule = BodyFaultRule.Parse(text);
            Assert.Equal(text, rule.ToString());
            Assert.Equal(rule, BodyFaultRule.Parse(rule.ToString()));
        }

        [Theory]
        [InlineData("Bogus", "unknown kind 'Bogus'. Kinds: TruncatedJson, HtmlPage, WrongTypes")]
        [InlineData("3", "unknown kind '3'")]
        [InlineData("NullValue:2", "the rate '2' must be above 0 and at most 1")]
        [InlineData("NullValue:0", "the rate '0' must be above 0")]
        [InlineData("NullValue:lots", "the rate 'lots' is not a number")]
        [InlineData("NullValue@northwind/assessments", "the scope 'northwind/assessments' is not SUBSCRIPTION, ENDPOINT or SUBSCRIPTION/ENDPOINT")]
        [InlineData("NullValue@" + Production + "/widgets", "unknown endpoint 'widgets'. Endpoints: SecureScores")]
        [InlineData("NullValue@" + Production + "/Tenants", "Tenants reads belong to no subscription")]
        [InlineData("NullValue@", "the scope '' is not")]
        public void A_bad_body_fault_is_refused_with_a_message_that_says_why(string text, string expected)
        {
            var error = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(new[] { "--body-fault", text }));
            Assert.StartsWith($"Body fault '{text}': ", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_option_needs_a_value_and_is_in_the_help()
        {
            Assert.Equal("--body-fault needs a value.", Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(new[] { "--body-fault" })).Message);
            Assert.Contains("--body-fault KIND[:RATE][@SCOPE]", EmulatorCommandLine.Usage, StringComparison.Ordinal);
            foreach (string kind in Enum.GetNames<BodyFaultKind>()) Assert.Contains(kind, EmulatorCommandLine.Usage, StringComparison.Ordinal);
            foreach (string endpoint in Enum.GetNames<PostureEndpoint>()) Assert.Contains(endpoint, EmulatorCommandLine.Usage, StringComparison.Ordinal);
        }

        [Fact]
        public void The_constructor_refuses_what_cannot_match()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new BodyFaultRule(BodyFaultKind.EmptyObject, rate: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new BodyFaultRule(BodyFaultKind.EmptyObject, rate: 1.5));
            Assert.Throws<ArgumentOutOfRangeException>(() => new BodyFaultRule((BodyFaultKind)99));
            Assert.Throws<ArgumentException>(() => new BodyFaultRule(BodyFaultKind.EmptyObject, Guid.NewGuid(), PostureEndpoint.ResourceGraph));
        }

        [Theory]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/secureScores", PostureEndpoint.SecureScores)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/secureScores/ascScore", PostureEndpoint.SecureScores)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls", PostureEndpoint.SecureScoreControls)]
        [InlineData("GET", "/providers/Microsoft.Security/secureScoreControlDefinitions", PostureEndpoint.SecureScoreControls)]
        [InlineData("GET", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/providers/Microsoft.Security/assessments/k", PostureEndpoint.Assessments)]
        [InlineData("GET", "/providers/Microsoft.Security/assessmentMetadata", PostureEndpoint.AssessmentMetadata)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/locations/westeurope/alerts/a", PostureEndpoint.Alerts)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/pricings/VirtualMachines", PostureEndpoint.Pricings)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/regulatoryComplianceStandards/x/regulatoryComplianceControls/y/regulatoryComplianceAssessments", PostureEndpoint.Compliance)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies", PostureEndpoint.Jit)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/securityContacts/default", PostureEndpoint.SecurityContacts)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.Security/locations", PostureEndpoint.OtherSecurity)]
        [InlineData("GET", "/subscriptions", PostureEndpoint.Subscriptions)]
        [InlineData("GET", "/subscriptions/s", PostureEndpoint.Subscriptions)]
        [InlineData("GET", "/tenants", PostureEndpoint.Tenants)]
        [InlineData("POST", "/providers/Microsoft.ResourceGraph/resources", PostureEndpoint.ResourceGraph)]
        [InlineData("POST", "/11111111-1111-4111-8111-111111111111/oauth2/v2.0/token", null)]
        [InlineData("PUT", "/subscriptions/s/providers/Microsoft.Security/pricings/VirtualMachines", null)]
        [InlineData("POST", "/subscriptions/s/providers/Microsoft.Security/locations/l/alerts/a/dismiss", null)]
        [InlineData("HEAD", "/subscriptions/s/providers/Microsoft.Security/pricings", null)]
        [InlineData("GET", "/subscriptions/s/resourcegroups", null)]
        [InlineData("GET", "/subscriptions/s/providers/Microsoft.ManagedServices/registrationAssignments", null)]
        [InlineData("GET", "/metadata/endpoints", null)]
        public void Each_read_is_sorted_into_the_endpoint_a_rule_can_name(string method, string path, PostureEndpoint? expected) =>
            Assert.Equal(expected, EndpointClassifier.Posture(method, path));

        [Fact]
        public void Unnamed_rules_cover_Security_reads_only_and_subscription_rules_only_their_subscription()
        {
            var everywhere = new BodyFaultRule(BodyFaultKind.EmptyObject);
            Assert.True(everywhere.Matches(PostureEndpoint.Assessments, Production));
            Assert.True(everywhere.Matches(PostureEndpoint.AssessmentMetadata, null));
            Assert.All(new[] { PostureEndpoint.Subscriptions, PostureEndpoint.Tenants, PostureEndpoint.ResourceGraph },
                e => Assert.False(everywhere.Matches(e, null)));
            var production = new BodyFaultRule(BodyFaultKind.EmptyObject, Guid.Parse(Production));
            Assert.True(production.Matches(PostureEndpoint.Pricings, Production.ToUpperInvariant()));
            Assert.False(production.Matches(PostureEndpoint.Pricings, "2b222222-0000-4000-8000-000000000002"));
            Assert.False(production.Matches(PostureEndpoint.AssessmentMetadata, null));
            Assert.False(production.Matches(PostureEndpoint.Subscriptions, Production));
            Assert.True(new BodyFaultRule(BodyFaultKind.EmptyObject, Guid.Parse(Production), PostureEndpoint.Subscriptions).Matches(PostureEndpoint.Subscriptions, Production));
            Assert.True(Enum.GetValues<PostureEndpoint>().All(e => new BodyFaultRule(BodyFaultKind.Hang, endpoint: e).Matches(e, null)));
        }
    
        [Fact]
        public void Only_reads_a_rule_covers_take_the_body_fault_path()
        {
            var engine = new BehaviourEngine(new BehaviourOptions());
            RequestFacts assessments = RequestFacts.Create("GET", $"/subscriptions/{Production}/providers/Microsoft.Security/assessments", Guid.Empty, Guid.Empty);
            RequestFacts graph = RequestFacts.Create("POST", "/providers/Microsoft.ResourceGraph/resources", Guid.Empty, Guid.Empty);
            RequestFacts token = RequestFacts.Create("POST", "/11111111-1111-4111-8111-111111111111/oauth2/v2.0/token", null, null);
            Assert.False(engine.MayBodyFault(assessments));
            engine.Options.BodyFaults.Add(new BodyFaultRule(BodyFaultKind.EmptyObject));
            Assert.True(engine.MayBodyFault(assessments));
            Assert.False(engine.MayBodyFault(graph));
            Assert.False(engine.MayBodyFault(token));
            Assert.Null(engine.PickBodyFault(token, 1));
            Assert.Equal(BodyFaultKind.EmptyObject, engine.PickBodyFault(assessments, 1));
        }
    }
}
