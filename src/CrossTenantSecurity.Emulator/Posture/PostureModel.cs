using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.Posture
{
    internal sealed record EstateResource(string Id, ResourceKind Kind, string ResourceGroup, string Name, string Location);

    internal sealed record AssessmentResult(
        AssessmentDefinition Definition, EstateResource Resource, string Status, string? Cause, string? StatusDescription,
        DateTimeOffset FirstEvaluation, DateTimeOffset StatusChange)
    {
        private string? _id;

        /// <summary>Built once: pages, sorting and Resource Graph rows all read it.</summary>
        public string Id => _id ??= $"{Resource.Id}/providers/Microsoft.Security/assessments/{Definition.Key}";
    }

    internal sealed record ControlResult(ControlDefinition Definition, int Healthy, int Unhealthy, int NotApplicable, double Current, double Percentage, long Weight);

    internal sealed record ScoreResult(int Max, double Current, double Percentage, long Weight);

    internal sealed record AlertRecord(
        AlertDefinition Definition, EstateResource Resource, string Name, string IdSegment, string Location, string Status,
        DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Generated, string CorrelationKey, bool IsIncident)
    {
        public string Id => $"/subscriptions/{SubscriptionOf(Resource.Id)}/resourceGroups/{Resource.ResourceGroup}/providers/Microsoft.Security/locations/{Location}/alerts/{IdSegment}";

        /// <summary>A documentation-range address (RFC 5737), stable per alert.</summary>
        public string SourceAddress => $"198.51.100.{(StableId.Seed(CorrelationKey) & 0x7F) + 1}";

        private static string SubscriptionOf(string resourceId) => resourceId.Split('/')[2];
    }

    internal sealed record ExtensionState(string Name, bool Enabled);

    internal sealed record PricingRecord(
        PlanDefinition Plan, string Tier, string? SubPlan, DateTimeOffset? EnablementTime, string FreeTrialRemaining,
        bool Enforce, string Coverage, IReadOnlyList<ExtensionState> Extensions);

    internal sealed record ComplianceAssessment(Guid Name, string Description, string AssessmentType, string State, int Passed, int Failed, int Skipped, int Unsupported);

    internal sealed record ComplianceControl(string Name, string Description, string State, IReadOnlyList<ComplianceAssessment> Assessments)
    {
        public int Count(string state) => Count(Assessments, state);

        internal static int Count(IReadOnlyList<ComplianceAssessment> items, string state)
        {
            int n = 0;
            foreach (ComplianceAssessment a in items) if (string.Equals(a.State, state, StringComparison.OrdinalIgnoreCase)) n++;
            return n;
        }
    }

    internal sealed record ComplianceStandard(string Name, string State, IReadOnlyList<ComplianceControl> Controls)
    {
        public int Count(string state)
        {
            int n = 0;
            foreach (ComplianceControl c in Controls) if (string.Equals(c.State, state, StringComparison.OrdinalIgnoreCase)) n++;
            return n;
        }
    }

    internal sealed record JitPolicy(string ResourceGroup, string Location, IReadOnlyList<EstateResource> VirtualMachines);

    internal sealed record SecurityContact(string Emails, string Phone, string AlertMinimalSeverity);

    /// <summary>Everything Defender for Cloud knows about one subscription, generated once and then read-only.</summary>
    internal sealed class SubscriptionPosture
    {
        public Guid SubscriptionId { get; init; }
        public Guid TenantId { get; init; }
        public bool SecurityRegistered { get; init; }
        public bool ScoreReady { get; init; }
        public IReadOnlyList<EstateResource> Resources { get; init; } = Array.Empty<EstateResource>();
        /// <summary>Sorted by id (ordinal), as Resource Graph pages them.</summary>
        public IReadOnlyList<AssessmentResult> Assessments { get; init; } = Array.Empty<AssessmentResult>();
        public IReadOnlyList<ControlResult> Controls { get; init; } = Array.Empty<ControlResult>();
        public ScoreResult? Score { get; init; }
        public IReadOnlyList<AlertRecord> Alerts { get; init; } = Array.Empty<AlertRecord>();
        public IReadOnlyList<PricingRecord> Pricings { get; init; } = Array.Empty<PricingRecord>();
        /// <summary>Regulatory compliance is large (standards x controls x assessments) and rarely read, so it is built on first use.</summary>
        public Lazy<IReadOnlyList<ComplianceStandard>> LazyStandards { get; init; } = new(Array.Empty<ComplianceStandard>());
        public IReadOnlyList<ComplianceStandard> Standards => LazyStandards.Value;
        public JitPolicy? Jit { get; init; }
        public SecurityContact? Contact { get; init; }

        /// <summary>A copy with another score and/or other assessments (drift scenarios).</summary>
        public SubscriptionPosture With(ScoreResult? score = null, IReadOnlyList<AssessmentResult>? assessments = null) => new SubscriptionPosture
        {
            SubscriptionId = SubscriptionId, TenantId = TenantId, SecurityRegistered = SecurityRegistered, ScoreReady = ScoreReady, Resources = Resources,
            Assessments = assessments ?? Assessments, Controls = Controls, Score = score ?? Score, Alerts = Alerts, Pricings = Pricings,
            LazyStandards = LazyStandards, Jit = Jit, Contact = Contact,
        };
    }
}
