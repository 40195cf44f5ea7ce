using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Posture;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>
    /// Drift and the gate against an emulator of their own (drift is planted into its estate): Compare-CtPostureSnapshot finds
    /// a plan turned off, a score drop and a new High recommendation and nothing else; Test-CtPosture passes the clean estate
    /// and fails on the planted drift with a valid JUnit file.
    /// </summary>
    [Collection(EmulatorCollection.Name)]
    public sealed class DriftAndGateTests : IAsyncLifetime
    {
        private EmulatorHost _host = null!;

        public async Task InitializeAsync() => _host = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority });

        public async Task DisposeAsync() => await _host.DisposeAsync();

        private PowerShellSession SignedIn()
        {
            var ps = new PowerShellSession();
            PSResult connect = ps.Connect(_host, ModuleFixture.Automation);
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        /// <summary>Plants three changes in one readable subscription; returns it, the plan and the assessment's resource.</summary>
        private (string Subscription, string Plan, string Resource, string AssessmentKey) Plant(PowerShellSession ps, string db)
        {
            PostureStore store = _host.Runtime.Posture;
            // Subscriptions the snapshot scored (delegated to the principal, readable, with a score).
            var scored = ps.Run("(Get-CtPostureHistory -DatabasePath $db -BySubscription -Metric SecureScore | Where-Object { $null -ne $_.Value }).SubscriptionId", ("db", db))
                .Output.Select(o => Guid.Parse(o.ToString())).ToHashSet();
            foreach (var subscription in _host.Runtime.Estate.Scenario.Subscriptions.Where(s => scored.Contains(s.Id)))
            {
                Guid id = subscription.Id;
                SubscriptionPosture? posture = store.For(id);
                if (posture is null || !posture.SecurityRegistered || !posture.ScoreReady || posture.Score is not { Max: > 0 } score) continue;
                PricingRecord? on = posture.Pricings.Select(p => store.Pricing(id, p)).FirstOrDefault(p => p.Tier == "Standard");
                AssessmentResult? healthyHigh = posture.Assessments.FirstOrDefault(a => a.Status == "Healthy" && a.Definition.Severity == "High");
                if (on is null || healthyHigh is null || score.Current < 5) continue;
                store.SetPricing(id, on with { Tier = "Free", SubPlan = null });
                double current = score.Current - 4;
                store.Change(id, p => p.With(
                    score: score with { Current = current, Percentage = Math.Round(current / score.Max, 4) },
                    assessments: p.Assessments.Select(a => ReferenceEquals(a, healthyHigh) ? a with { Status = "Unhealthy", Cause = "planted" } : a).ToList()));
                return (id.ToString(), on.Plan.Name, healthyHigh.Resource.Id, healthyHigh.Definition.Key.ToString());
            }
            throw new InvalidOperationException("The sample estate has no readable subscription to plant drift in.");
        }

        [Fact]
        public void Compare_finds_a_planted_plan_off_score_drop_and_new_High_recommendation_and_nothing_else()
        {
            using PowerShellSession ps = SignedIn();
            string db = HistoryTests.TempDatabase();
            Assert.Null(ps.Run("$before = Save-CtPostureSnapshot -DatabasePath $db -ErrorAction SilentlyContinue -WarningAction SilentlyContinue", ("db", db)).Terminating);
            // Two snapshots of an unchanged estate: no drift.
            Assert.Empty(ps.Run("Get-CtPostureSnapshot -IncludeDetail -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Compare-CtPostureSnapshot -Reference $before").Output);

            var (subscription, plan, resource, key) = Plant(ps, db);
            PSResult saved = ps.Run("Save-CtPostureSnapshot -DatabasePath $db -ErrorAction SilentlyContinue -WarningAction SilentlyContinue", ("db", db));
            Assert.Null(saved.Terminating);
            PSResult drift = ps.Run("Compare-CtPostureSnapshot -Reference 1 -Difference 2 -DatabasePath $db", ("db", db));
            Assert.Null(drift.Terminating);
            var rows = drift.Items.ToList();
            Assert.Equal("CrossTenantSecurity.PostureDrift", drift.Output[0].BaseObject.GetType().FullName);
            Assert.Equal(
                new[] { "NewlyUnhealthy/Subscription", "PlanDisabled/Subscription", "ScoreChanged/Subscription", "ScoreChanged/Tenant" },
                rows.Select(r => $"{r.Kind}/{r.Scope}").OrderBy(x => x, StringComparer.Ordinal));
            Assert.All(rows.Where(r => (string)r.Scope == "Subscription"), r => Assert.Equal(subscription, (string)r.SubscriptionId, ignoreCase: true));
            Assert.Equal(plan, (string)rows.Single(r => r.Kind.ToString() == "PlanDisabled").Subject);
            dynamic rec = rows.Single(r => r.Kind.ToString() == "NewlyUnhealthy");
            Assert.Equal(("High", resource), ((string)rec.Severity, (string)rec.ResourceId), new CaseInsensitivePair());
            Assert.True((double)rows.Single(r => r.Kind.ToString() == "ScoreChanged" && (string)r.Scope == "Subscription").Change < 0);
            // Worst first.
            Assert.True(rows.Zip(rows.Skip(1)).All(p => (double)p.First.Impact >= (double)p.Second.Impact));

            // By date: the latest snapshot on or before today is #2, compared with #1.
            Assert.Equal(4, ps.Run("Compare-CtPostureSnapshot -Reference 1 -Difference ([datetime]::Today) -DatabasePath $db", ("db", db)).Output.Count);
            _ = key;
        }

        [Fact]
        public void The_gate_passes_the_clean_estate_and_fails_on_a_planted_drop_with_a_valid_JUnit_file()
        {
            using PowerShellSession ps = SignedIn();
            string db = HistoryTests.TempDatabase();
            string dir = Path.GetDirectoryName(db)!;
            Assert.Null(ps.Run("Save-CtPostureSnapshot -DatabasePath $db -ErrorAction SilentlyContinue -WarningAction SilentlyContinue", ("db", db)).Terminating);

            string clean = Path.Combine(dir, "TEST-clean.xml");
            PSResult pass = ps.Run("Get-CtPostureSnapshot -IncludeDetail -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Test-CtPosture -MaximumScoreDrop 1 -MinimumSecureScore 0 -DatabasePath $db -OutputFormat JUnit -OutputPath $p",
                ("db", db), ("p", clean));
            Assert.Null(pass.Terminating);
            Assert.Contains(pass.Items, r => r.Outcome.ToString() == "Passed");
            Assert.DoesNotContain(pass.Items, r => r.Outcome.ToString() == "Failed");
            Assert.Contains(pass.Items, r => r.Outcome.ToString() == "Error"); // the sample estate's unreadable subscriptions: not a failure without -FailOnError
            ValidJUnit(clean);

            // -FailOnError turns those into a failed gate.
            Assert.Equal("PostureGate.Failed", ps.Run("Get-CtPostureSnapshot -IncludeDetail -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Test-CtPosture -MinimumSecureScore 0 -FailOnError")
                .TerminatingRecord.FullyQualifiedErrorId.Split(',')[0]);

            var (subscription, plan, _, _) = Plant(ps, db);
            string failed = Path.Combine(dir, "TEST-failed.xml");
            PSResult fail = ps.Run("Get-CtPostureSnapshot -IncludeDetail -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Test-CtPosture -MaximumScoreDrop 1 -RequiredPlan $plan -DatabasePath $db -OutputFormat JUnit -OutputPath $p",
                ("db", db), ("p", failed), ("plan", plan));
            Assert.Equal("PostureGate.Failed", fail.TerminatingRecord.FullyQualifiedErrorId.Split(',')[0]);
            var bad = fail.Items.Where(r => r.Outcome.ToString() == "Failed").ToList();
            Assert.Contains(bad, r => (string)r.Check == "MaximumScoreDrop");
            Assert.Contains(bad, r => (string)r.Check == "RequiredPlan." + plan && string.Equals((string)r.SubscriptionId, subscription, StringComparison.OrdinalIgnoreCase));
            XDocument junit = ValidJUnit(failed);
            Assert.Equal(bad.Count, junit.Descendants("failure").Count());
        }

        private static XDocument ValidJUnit(string path)
        {
            var schemas = new XmlSchemaSet();
            schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "JUnit4", "junit_schema_4.xsd"));
            var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
            settings.ValidationEventHandler += (_, e) => throw new XmlSchemaValidationException(e.Message);
            using (XmlReader reader = XmlReader.Create(path, settings)) { while (reader.Read()) { } }
            return XDocument.Load(path);
        }

        private sealed class CaseInsensitivePair : System.Collections.Generic.IEqualityComparer<(string, string)>
        {
            public bool Equals((string, string) x, (string, string) y) => string.Equals(x.Item1, y.Item1, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Item2, y.Item2, StringComparison.OrdinalIgnoreCase);
            public int GetHashCode((string, string) obj) => 0;
        }
    }
}
