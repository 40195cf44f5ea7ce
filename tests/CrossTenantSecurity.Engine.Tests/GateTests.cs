using System;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using CrossTenantSecurity.Engine.Gate;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Engine.Tests
{
    public class GateTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);

        private static GatePolicy Policy(Action<GateThresholds> set)
        {
            var policy = new GatePolicy();
            set(policy.Defaults);
            return policy;
        }

        [Fact]
        public void A_clean_estate_passes_every_check()
        {
            PostureSnapshot snapshot = new SyntheticEstate(20).Build(Now);
            GateEvaluation e = GateEvaluator.Evaluate(snapshot, Policy(t =>
            {
                t.MinimumSubscriptionScore = 40;
                t.MinimumCustomerScore = 40;
                t.MaximumUnhealthy["High"] = 2;
                t.RequiredPlans = new() { "VirtualMachines", "SqlServers" };
            }), null, Now);
            Assert.True(e.Passes(failOnError: true));
            Assert.Equal(2 + 20 * (1 + 1 + 2), e.Results.Count); // customers: score; subscriptions: score, High, two plans
            Assert.All(e.Results, r => Assert.Equal(PostureCheckOutcome.Passed, r.Outcome));
        }

        [Fact]
        public void Each_breach_is_one_failed_result_with_the_measured_value_and_the_threshold()
        {
            var estate = new SyntheticEstate(20);
            estate.PlansOff.Add((5, "SqlServers"));
            estate.ExtraUnhealthy.Add((6, "x", "High", SyntheticEstate.Resource(6, 77)));
            GateEvaluation e = GateEvaluator.Evaluate(estate.Build(Now), Policy(t =>
            {
                t.MaximumUnhealthy["High"] = 2;
                t.RequiredPlans = new() { "SqlServers" };
            }), null, Now);
            Assert.False(e.Passes(false));
            var failed = e.Results.Where(r => r.Outcome == PostureCheckOutcome.Failed).ToList();
            Assert.Equal(2, failed.Count);
            PostureCheckResult plan = failed.Single(r => r.Check == "RequiredPlan.SqlServers");
            Assert.Equal((SyntheticEstate.SubscriptionId(5), "Off", "Enabled"), (plan.SubscriptionId, plan.Measured, plan.Threshold));
            PostureCheckResult high = failed.Single(r => r.Check == "MaximumUnhealthy.High");
            Assert.Equal(("3", "<= 2"), (high.Measured, high.Threshold));
        }

        [Fact]
        public void An_unreadable_subscription_is_an_error_that_fails_the_gate_only_with_FailOnError()
        {
            var estate = new SyntheticEstate(10);
            estate.RecommendationsFailed.Add(2);
            GateEvaluation e = GateEvaluator.Evaluate(estate.Build(Now), Policy(t => t.MaximumUnhealthy["High"] = 5), null, Now);
            PostureCheckResult error = Assert.Single(e.Results, r => r.Outcome == PostureCheckOutcome.Error);
            Assert.Equal(SyntheticEstate.SubscriptionId(2), error.SubscriptionId);
            Assert.True(e.Passes(failOnError: false));
            Assert.False(e.Passes(failOnError: true));
        }

        [Fact]
        public void Customer_overrides_replace_the_estate_thresholds_for_that_customer_only()
        {
            PostureSnapshot snapshot = new SyntheticEstate(20).Build(Now);
            GatePolicy policy = Policy(t => t.MinimumCustomerScore = 99);
            policy.Customers[SyntheticEstate.TenantId(1)] = new GateThresholds { MinimumCustomerScore = 10 };
            var results = GateEvaluator.Evaluate(snapshot, policy, null, Now).Results;
            Assert.Equal(PostureCheckOutcome.Failed, results.Single(r => r.TenantId == SyntheticEstate.TenantId(0)).Outcome);
            Assert.Equal(PostureCheckOutcome.Passed, results.Single(r => r.TenantId == SyntheticEstate.TenantId(1)).Outcome);
        }

        [Fact]
        public void An_exemption_in_force_skips_with_its_reason_and_an_expired_one_applies_again_with_a_warning()
        {
            var estate = new SyntheticEstate(10);
            estate.PlansOff.Add((1, "SqlServers"));
            estate.PlansOff.Add((2, "SqlServers"));
            GatePolicy policy = Policy(t => t.RequiredPlans = new() { "SqlServers" });
            policy.Exemptions.Add(new GateExemption("RequiredPlan", SyntheticEstate.SubscriptionId(1), "Moving to PaaS (CHG-1)", Now.AddDays(30)));
            policy.Exemptions.Add(new GateExemption("RequiredPlan.SqlServers", SyntheticEstate.SubscriptionId(2), "Old waiver", Now.AddDays(-1)));
            GateEvaluation e = GateEvaluator.Evaluate(estate.Build(Now), policy, null, Now);
            PostureCheckResult exempt = e.Results.Single(r => r.SubscriptionId == SyntheticEstate.SubscriptionId(1));
            Assert.Equal(PostureCheckOutcome.Skipped, exempt.Outcome);
            Assert.Contains("Moving to PaaS (CHG-1)", exempt.Message);
            Assert.Equal(PostureCheckOutcome.Failed, e.Results.Single(r => r.SubscriptionId == SyntheticEstate.SubscriptionId(2)).Outcome);
            Assert.Contains(e.Warnings, w => w.Contains("expired", StringComparison.Ordinal) && w.Contains("Old waiver", StringComparison.Ordinal));
        }

        [Fact]
        public void MaximumScoreDrop_compares_each_customer_with_the_last_saved_snapshot()
        {
            var estate = new SyntheticEstate(20);
            SnapshotState baseline = SnapshotState.From(estate.Build(Now.AddDays(-1)));
            estate.Score = i => i < 10 ? 5 : 20 + (i * 7) % 30; // customer 0 collapses
            GateEvaluation e = GateEvaluator.Evaluate(estate.Build(Now), Policy(t => t.MaximumScoreDrop = 5), baseline, Now);
            Assert.Equal(PostureCheckOutcome.Failed, e.Results.Single(r => r.TenantId == SyntheticEstate.TenantId(0)).Outcome);
            Assert.Equal(PostureCheckOutcome.Passed, e.Results.Single(r => r.TenantId == SyntheticEstate.TenantId(1)).Outcome);
            GateEvaluation none = GateEvaluator.Evaluate(estate.Build(Now), Policy(t => t.MaximumScoreDrop = 5), null, Now);
            Assert.All(none.Results, r => Assert.Equal(PostureCheckOutcome.Skipped, r.Outcome));
            Assert.NotEmpty(none.Warnings);
        }

        private static GateEvaluation Mixed()
        {
            var estate = new SyntheticEstate(20);
            estate.PlansOff.Add((5, "SqlServers"));
            estate.RecommendationsFailed.Add(3);
            estate.Missing.Add(19);
            GatePolicy policy = Policy(t => { t.RequiredPlans = new() { "SqlServers" }; t.MaximumUnhealthy["High"] = 5; t.MinimumCustomerScore = 10; t.MaximumScoreDrop = 1; });
            policy.Exemptions.Add(new GateExemption("RequiredPlan", SyntheticEstate.SubscriptionId(7), "x <&> \"y\"", Now.AddDays(3)));
            return GateEvaluator.Evaluate(estate.Build(Now), policy, null, Now);
        }

        private static XmlSchemaSet Schemas(params string[] files)
        {
            var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
            foreach (string file in files) set.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", file));
            set.Compile();
            return set;
        }

        private static void Validate(XDocument document, XmlSchemaSet schemas)
        {
            string text = document.Declaration + Environment.NewLine + document.ToString();
            var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
            settings.ValidationEventHandler += (_, e) => throw new XmlSchemaValidationException($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
            using var reader = XmlReader.Create(new StringReader(text), settings);
            while (reader.Read()) { }
        }

        [Fact]
        public void The_JUnit_file_is_valid_against_the_JUnit_4_schema_and_counts_every_outcome()
        {
            GateEvaluation e = Mixed();
            XDocument junit = JUnitResultWriter.Write(e.Results, Now, "runner");
            Validate(junit, Schemas("JUnit4/junit_schema_4.xsd"));
            XElement root = junit.Root!;
            Assert.Equal(e.Results.Count, (int)root.Attribute("tests")!);
            Assert.Equal(e.Failed, (int)root.Attribute("failures")!);
            Assert.Equal(e.Errors, (int)root.Attribute("errors")!);
            Assert.Equal(e.Results.Count, root.Descendants("testcase").Count());
            Assert.Equal(e.Failed, root.Descendants("failure").Count());
            Assert.Equal(2, root.Elements("testsuite").Count());
            Assert.True(e.Failed > 0 && e.Errors > 0 && e.Results.Any(r => r.Outcome == PostureCheckOutcome.Skipped));
        }

        [Fact]
        public void The_NUnit3_file_is_valid_against_the_NUnit_3_schema()
        {
            GateEvaluation e = Mixed();
            XDocument nunit = NUnit3ResultWriter.Write(e.Results, Now);
            Validate(nunit, Schemas("NUnit3/TestResult.xsd"));
            Assert.Equal("Failed", (string)nunit.Root!.Attribute("result")!);
            Assert.Equal(e.Results.Count, nunit.Root.Descendants("test-case").Count());
            Assert.Equal(e.Errors, nunit.Root.Descendants("test-case").Count(c => (string?)c.Attribute("label") == "Error"));
        }

        [Fact]
        public void The_Markdown_summary_lists_the_failures_and_keeps_names_as_text()
        {
            string md = MarkdownSummaryWriter.Write(Mixed().Results, passed: false);
            Assert.StartsWith("## Posture gate: FAILED", md, StringComparison.Ordinal);
            Assert.Contains("RequiredPlan.SqlServers", md, StringComparison.Ordinal);
            Assert.DoesNotContain("<&>", md, StringComparison.Ordinal);
        }
    }
}
