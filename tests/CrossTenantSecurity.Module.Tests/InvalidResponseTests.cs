using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>
    /// Nothing silently wrong, per cmdlet: when the emulator answers one subscription's read with a malformed 200 (a body
    /// fault), that subscription is one &lt;Noun&gt;.InvalidResponse error naming it, the request id and the reason; it
    /// yields no object (no score of 0, no empty list), and every other subscription returns what it returns without the fault.
    /// </summary>
    [Collection(EmulatorCollection.Name)]
    public class InvalidResponseTests
    {
        private const string NorthwindProduction = "2b222222-0000-4000-8000-000000000001";
        private const string WrongType = "is (an object|a string|a number|a boolean), not (a string|a number|an array|an object)";
        private readonly ModuleFixture _emulator;

        public InvalidResponseTests(ModuleFixture emulator) => _emulator = emulator;

        /// <summary>What each fault reads as, for a single document and for a list.</summary>
        private static readonly Dictionary<BodyFaultKind, (string Single, string List)> Reasons = new()
        {
            [BodyFaultKind.NullValue] = ("the resource is null, not an object", "\"value\" is null, not an array"),
            [BodyFaultKind.EmptyObject] = ("properties is missing", "the page has no \"value\" list"),
            [BodyFaultKind.ObjectValue] = ("properties is missing", "\"value\" is an object, not an array"),
            [BodyFaultKind.WrongTypes] = ("properties\\.score\\.current " + WrongType, WrongType),
            [BodyFaultKind.HtmlPage] = ("the body is an HTML or XML page \\(text/html", "the body is an HTML or XML page \\(text/html"),
            [BodyFaultKind.TruncatedJson] = ("the body is not valid JSON, or is cut short", "the body is not valid JSON, or is cut short"),
            [BodyFaultKind.EmptyBody] = ("the body is empty", "the body is empty"),
        };

        public static TheoryData<BodyFaultKind> Faults() => new(Reasons.Keys);

        [Theory]
        [MemberData(nameof(Faults))]
        public void Get_CtSecureScore(BodyFaultKind fault) =>
            AssertOneInvalidResponse("Get-CtSecureScore", "SecureScore", PostureEndpoint.SecureScores, fault, Reasons[fault].Single);

        [Theory]
        [MemberData(nameof(Faults))]
        public void Get_CtRecommendation(BodyFaultKind fault) =>
            AssertOneInvalidResponse("Get-CtRecommendation -Status Healthy, Unhealthy, NotApplicable", "Recommendation", PostureEndpoint.Assessments, fault, Reasons[fault].List);

        [Theory]
        [MemberData(nameof(Faults))]
        public void Get_CtSecureScoreControl(BodyFaultKind fault) =>
            AssertOneInvalidResponse("Get-CtSecureScoreControl", "SecureScoreControl", PostureEndpoint.SecureScoreControls, fault, Reasons[fault].List);

        [Theory]
        [MemberData(nameof(Faults))]
        public void Get_CtAlert(BodyFaultKind fault) =>
            AssertOneInvalidResponse("Get-CtAlert", "Alert", PostureEndpoint.Alerts, fault, Reasons[fault].List);

        [Theory]
        [MemberData(nameof(Faults))]
        public void Get_CtDefenderPlan(BodyFaultKind fault) =>
            AssertOneInvalidResponse("Get-CtDefenderPlan", "DefenderPlan", PostureEndpoint.Pricings, fault, Reasons[fault].List);

        [Theory]
        [MemberData(nameof(Faults))]
        public void Get_CtRegulatoryCompliance(BodyFaultKind fault) =>
            AssertOneInvalidResponse("Get-CtRegulatoryCompliance -IncludeControls", "RegulatoryCompliance", PostureEndpoint.Compliance, fault, Reasons[fault].List);

        [Fact]
        public void Get_CtPostureSnapshot_records_each_invalid_kind_as_a_failure_of_the_subscription_and_no_score()
        {
            using PowerShellSession ps = SignedIn();
            const string command = "Get-CtPostureSnapshot -WarningAction SilentlyContinue";
            PSResult baseline = ps.Run(command);
            PSResult faulted;
            using (_emulator.Host.BodyFaults.Use(new BodyFaultRule(BodyFaultKind.NullValue, Guid.Parse(NorthwindProduction), PostureEndpoint.SecureScores)))
            using (_emulator.Host.BodyFaults.Use(new BodyFaultRule(BodyFaultKind.WrongTypes, Guid.Parse(NorthwindProduction), PostureEndpoint.Assessments)))
            {
                faulted = ps.Run(command);
            }

            Assert.Null(faulted.Terminating);
            Assert.Equal(new[] { "Recommendation.InvalidResponse", "SecureScore.InvalidResponse" },
                Invalid(faulted).Select(e => e.FullyQualifiedErrorId.Split(',')[0]).OrderBy(id => id, StringComparer.Ordinal));
            Assert.All(Invalid(faulted), AssertNamesTheSubscriptionAndRequest);
            Assert.Equal(Errors(baseline), Errors(faulted).Where(e => !e.Id.EndsWith(".InvalidResponse", StringComparison.Ordinal)));

            dynamic snapshot = Assert.Single(faulted.Output).BaseObject;
            var failures = ((IEnumerable<object>)snapshot.Failures).Cast<dynamic>().Where(f => f.Reason.ToString() == "InvalidResponse").ToList();
            Assert.Equal(new[] { "Recommendation", "SecureScore" }, failures.Select(f => (string)f.PostureKind).OrderBy(k => k, StringComparer.Ordinal));
            Assert.All(failures, f => Assert.Equal(NorthwindProduction, (string)f.Target));
            Dictionary<string, dynamic> after = Summaries(snapshot), before = Summaries(Assert.Single(baseline.Output).BaseObject);
            dynamic production = after[NorthwindProduction];
            Assert.Null((double?)production.Current);
            Assert.Contains("SecureScore", (IEnumerable<string>)production.FailedKinds);
            Assert.Contains("Recommendation", (IEnumerable<string>)production.FailedKinds);
            foreach (var (id, summary) in after.Where(s => s.Key != NorthwindProduction))
                Assert.Equal(((double?)before[id].Current, (int)before[id].UnhealthyCount), ((double?)summary.Current, (int)summary.UnhealthyCount));
        }

        /// <summary>Runs <paramref name="command"/> without and with the fault on Northwind Production, and compares.</summary>
        private void AssertOneInvalidResponse(string command, string noun, PostureEndpoint endpoint, BodyFaultKind fault, string reason)
        {
            using PowerShellSession ps = SignedIn();
            command += " -WarningAction SilentlyContinue";
            PSResult baseline = ps.Run(command);
            PSResult faulted;
            using (_emulator.Host.BodyFaults.Use(new BodyFaultRule(fault, Guid.Parse(NorthwindProduction), endpoint)))
            {
                faulted = ps.Run(command);
            }

            Assert.Null(faulted.Terminating);
            ErrorRecord error = Assert.Single(Invalid(faulted));
            Assert.StartsWith(noun + ".InvalidResponse,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            AssertNamesTheSubscriptionAndRequest(error);
            Assert.Matches(reason, error.ErrorDetails.Message);
            Assert.Contains(NorthwindProduction, SubscriptionsWithData(baseline));
            Assert.Equal(SubscriptionsWithData(baseline).Where(s => s != NorthwindProduction), SubscriptionsWithData(faulted));
            Assert.Equal(Errors(baseline), Errors(faulted).Where(e => e.Id != noun + ".InvalidResponse"));
        }

        private static void AssertNamesTheSubscriptionAndRequest(ErrorRecord error)
        {
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Equal(NorthwindProduction, (string)((dynamic)error.TargetObject).SubscriptionId);
            Assert.StartsWith(NorthwindProduction + ": The answer to ", error.ErrorDetails.Message, StringComparison.Ordinal);
            Assert.Matches("x-ms-request-id: [0-9a-f-]{36}", error.ErrorDetails.Message);
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
        }

        private PowerShellSession SignedIn()
        {
            var ps = new PowerShellSession();
            PSResult connect = ps.Connect(_emulator, ModuleFixture.Automation);
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        private static List<ErrorRecord> Invalid(PSResult result) =>
            result.Errors.Where(e => e.FullyQualifiedErrorId.Split(',')[0].EndsWith(".InvalidResponse", StringComparison.Ordinal)).ToList();

        private static List<string> SubscriptionsWithData(PSResult result) =>
            result.Items.Select(i => (string)i.SubscriptionId).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();

        /// <summary>Each error as its ErrorId and what it targets, in a stable order.</summary>
        private static List<(string Id, string Target)> Errors(PSResult result) =>
            result.Errors.Select(e => (e.FullyQualifiedErrorId.Split(',')[0], Describe(e.TargetObject))).OrderBy(e => e.Item1 + "|" + e.Item2, StringComparer.Ordinal).ToList();

        /// <summary>A subscription target by its id (the module's types live in its own load context, so read by property name).</summary>
        private static string Describe(object? target) =>
            target is null ? string.Empty : PSObject.AsPSObject(target).Properties["SubscriptionId"]?.Value?.ToString() ?? target.ToString() ?? string.Empty;

        private static Dictionary<string, dynamic> Summaries(object snapshot) =>
            ((IEnumerable<object>)((dynamic)snapshot).Subscriptions).Cast<dynamic>().ToDictionary(s => (string)s.SubscriptionId, s => s);
    }
}
