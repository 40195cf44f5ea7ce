using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Xml.Linq;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine.Gate;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// The CI gate: checks thresholds (from parameters or a policy file with per-customer overrides and expiring exemptions)
    /// on a snapshot, writes one result per check and scope, optionally a JUnit or NUnit 3 file and a Markdown summary,
    /// and then, when a check failed, one terminating PostureGate.Failed error so the pipeline step fails.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CtPosture")]
    [OutputType(typeof(PostureCheckResult))]
    public sealed class TestCtPostureCommand : CtSnapshotInputCmdlet
    {
        /// <summary>Minimum secure score (0-100): a number for subscriptions and customers, or @{ Subscription = n; Customer = n }.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? MinimumSecureScore { get; set; }

        /// <summary>Most unhealthy recommendations per subscription by severity, e.g. @{ High = 0; Medium = 10 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? MaximumUnhealthy { get; set; }

        /// <summary>Defender plans every subscription must have enabled.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? RequiredPlan { get; set; }

        /// <summary>The most a customer's score may fall (percentage points) since the last saved snapshot.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public double? MaximumScoreDrop { get; set; }

        /// <summary>A .psd1 policy (thresholds, Customers overrides, Exemptions); parameters given too take precedence.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PolicyPath { get; set; }

        /// <summary>The history -MaximumScoreDrop compares with; default: the user's data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DatabasePath { get; set; }

        /// <summary>JUnit or NUnit3: the test-results file format.</summary>
        [Parameter]
        [ValidateSet("JUnit", "NUnit3")]
        public string? OutputFormat { get; set; }

        /// <summary>Where the test-results file is written (needs -OutputFormat).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        /// <summary>Append a Markdown summary to $env:GITHUB_STEP_SUMMARY (or write it to the information stream when that is not set).</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>A check that could not be measured (a subscription or kind that could not be read) fails the gate too.</summary>
        [Parameter]
        public SwitchParameter FailOnError { get; set; }

        internal override string ErrorNoun => "PostureGate";

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if ((OutputFormat is null) != (OutputPath is null))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(new ArgumentException("-OutputFormat and -OutputPath go together."), "PostureGate.InvalidOutput",
                    ErrorCategory.InvalidArgument, null, "Pass both, e.g. -OutputFormat JUnit -OutputPath ./TEST-posture.xml."));
            }
        }

        protected override void EndProcessing()
        {
            GatePolicy policy = BuildPolicy();
            var snapshots = SnapshotsOrFresh();
            if (snapshots.Count == 0) return;
            if (snapshots.Count > 1) WriteWarning($"{snapshots.Count} snapshots came down the pipeline; the gate checks the last one.");
            PostureSnapshot snapshot = snapshots[snapshots.Count - 1];

            SnapshotState? baseline = null;
            if (policy.Defaults.MaximumScoreDrop is not null || policy.Customers.Values.Any(c => c.MaximumScoreDrop is not null))
            {
                string path = ResolveDatabasePath(DatabasePath);
                if (File.Exists(path))
                {
                    using PostureHistory history = HistoryAccess.Open(this, path);
                    if (history.FindSnapshot(snapshot.TakenAt.AddTicks(-1)) is long id) baseline = history.LoadState(id);
                }
            }

            GateEvaluation evaluation = GateEvaluator.Evaluate(snapshot, policy, baseline, DateTimeOffset.UtcNow);
            foreach (string warning in evaluation.Warnings) WriteWarning(warning);
            foreach (PostureCheckResult result in evaluation.Results) WriteObject(result);
            bool passed = evaluation.Passes(FailOnError);

            if (OutputFormat is not null && OutputPath is not null)
            {
                string path = GetUnresolvedProviderPathFromPSPath(OutputPath);
                string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                XDocument document = string.Equals(OutputFormat, "NUnit3", StringComparison.OrdinalIgnoreCase)
                    ? NUnit3ResultWriter.Write(evaluation.Results, snapshot.TakenAt)
                    : JUnitResultWriter.Write(evaluation.Results, snapshot.TakenAt, Environment.MachineName);
                using (var writer = new StreamWriter(path, false, new UTF8Encoding(false))) document.Save(writer);
                WriteVerbose($"Wrote {OutputFormat} results to {path}.");
            }
            if (Summary)
            {
                string markdown = MarkdownSummaryWriter.Write(evaluation.Results, passed);
                string? stepSummary = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
                if (!string.IsNullOrEmpty(stepSummary)) File.AppendAllText(stepSummary, markdown + Environment.NewLine, new UTF8Encoding(false));
                else WriteInformation(new InformationRecord(markdown, "Test-CtPosture"));
            }
            if (!passed)
            {
                string message = $"The posture gate failed: {evaluation.Failed} check(s) failed" + (FailOnError ? $" and {evaluation.Errors} could not be measured" : string.Empty) +
                    $" across {evaluation.Results.Where(r => r.Outcome == PostureCheckOutcome.Failed || (FailOnError && r.Outcome == PostureCheckOutcome.Error)).Select(r => r.TenantId).Distinct().Count()} customer(s).";
                ThrowTerminatingError(ErrorRecordFactory.Create(new InvalidOperationException(message), "PostureGate.Failed", ErrorCategory.InvalidResult, null,
                    "See the Failed results (Outcome, Measured, Threshold, Message); fix them, or add an exemption with a reason and an expiry date to the policy file."));
            }
        }

        private GatePolicy BuildPolicy()
        {
            GatePolicy policy = new GatePolicy();
            try
            {
                if (PolicyPath is not null)
                {
                    string path = GetUnresolvedProviderPathFromPSPath(PolicyPath);
                    if (!File.Exists(path)) throw new FormatException($"The policy file '{path}' does not exist.");
                    policy = GatePolicyReader.ReadFile(path);
                }
                if (MinimumSecureScore is not null) GatePolicyReader.ReadMinimum(MinimumSecureScore, policy.Defaults, "-MinimumSecureScore");
                if (MaximumUnhealthy is not null) GatePolicyReader.ReadMaximumUnhealthy(MaximumUnhealthy, policy.Defaults, "-MaximumUnhealthy");
                if (RequiredPlan is not null) policy.Defaults.RequiredPlans = RequiredPlan.ToList();
                if (MaximumScoreDrop is double drop) policy.Defaults.MaximumScoreDrop = drop;
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(e, "PostureGate.InvalidPolicy", ErrorCategory.InvalidData, PolicyPath,
                    "Fix the policy (see Get-Help Test-CtPosture -Full for the file's keys)."));
            }
            if (policy.Defaults.IsEmpty && policy.Customers.Count == 0)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(new ArgumentException("No check to run: pass -MinimumSecureScore, -MaximumUnhealthy, -RequiredPlan, -MaximumScoreDrop or -PolicyPath."),
                    "PostureGate.NoChecks", ErrorCategory.InvalidArgument, null));
            }
            return policy;
        }
    }
}
