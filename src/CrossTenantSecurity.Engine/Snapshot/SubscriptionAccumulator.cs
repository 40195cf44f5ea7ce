using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>
    /// What one subscription's rows add up to while they are read. Rows are counted and dropped; only the
    /// per-recommendation and per-control tallies live until the subscription is closed into its tenant.
    /// Thread-safe (Resource Graph rows of one subscription may arrive from several partitions).
    /// </summary>
    internal sealed class SubscriptionAccumulator
    {
        private readonly object _gate = new object();
        private readonly List<string> _failedKinds = new List<string>();
        private readonly List<string> _plansRead = new List<string>();
        private readonly List<string> _enabledPlans = new List<string>();
        private readonly Dictionary<string, ComplianceSummary> _compliance = new Dictionary<string, ComplianceSummary>(StringComparer.OrdinalIgnoreCase);
        private SecureScore? _score;
        private int _healthy, _notApplicable, _alerts, _delegations;
        private bool? _defenderReady;
        private double _potential;
        private Tally _unhealthy, _activeAlerts;

        public SubscriptionAccumulator(DelegatedSubscription subscription)
        {
            Subscription = subscription;
            Ref = SubscriptionRef.From(subscription);
        }

        public DelegatedSubscription Subscription { get; }
        public SubscriptionRef Ref { get; }

        /// <summary>Unhealthy assessments per assessment key: display name, severity, count.</summary>
        public Dictionary<string, (string? DisplayName, Severity Severity, int Count)> Recommendations { get; } =
            new Dictionary<string, (string?, Severity, int)>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Controls with score to gain: display name, potential increase, unhealthy resources.</summary>
        public Dictionary<string, (string? DisplayName, double Gain, int Unhealthy)> Controls { get; } =
            new Dictionary<string, (string?, double, int)>(StringComparer.OrdinalIgnoreCase);

        public SecureScore? Score { get { lock (_gate) return _score; } }
        public bool PlansRead { get; private set; }
        public IReadOnlyList<string> EnabledPlans { get { lock (_gate) return _enabledPlans.ToList(); } }
        public IReadOnlyCollection<ComplianceSummary> Compliance { get { lock (_gate) return _compliance.Values.ToList(); } }
        public IReadOnlyList<string> FailedKinds { get { lock (_gate) return _failedKinds.ToList(); } }
        public SeverityCounts Unhealthy { get { lock (_gate) return _unhealthy.ToCounts(); } }
        public SeverityCounts ActiveAlerts { get { lock (_gate) return _activeAlerts.ToCounts(); } }

        public void Add(SecureScore score)
        {
            lock (_gate) _score = score;
        }

        public void Add(SecureScoreControl control)
        {
            lock (_gate)
            {
                double gain = Math.Max(0, control.Max - control.Current);
                _potential += gain;
                if (gain <= 0) return;
                Controls.TryGetValue(control.Name, out var known);
                Controls[control.Name] = (control.DisplayName ?? known.DisplayName, known.Gain + gain, known.Unhealthy + control.UnhealthyResourceCount);
            }
        }

        public void Add(Recommendation recommendation) =>
            AddAssessment(recommendation.AssessmentKey, recommendation.DisplayName, recommendation.Severity, recommendation.Status);

        /// <summary>One assessment by the four fields a summary needs (the snapshot reads them without building a Recommendation).</summary>
        public void AddAssessment(string key, string? displayName, Severity severity, string? status)
        {
            lock (_gate)
            {
                if (string.Equals(status, "Healthy", StringComparison.OrdinalIgnoreCase)) _healthy++;
                else if (string.Equals(status, "NotApplicable", StringComparison.OrdinalIgnoreCase)) _notApplicable++;
                else if (string.Equals(status, "Unhealthy", StringComparison.OrdinalIgnoreCase))
                {
                    _unhealthy.Add(severity);
                    Recommendations.TryGetValue(key, out var known);
                    Recommendations[key] = (displayName ?? known.DisplayName, severity != Severity.Unknown ? severity : known.Severity, known.Count + 1);
                }
            }
        }

        public void Add(Alert alert)
        {
            lock (_gate)
            {
                _alerts++;
                if (string.Equals(alert.Status, "Active", StringComparison.OrdinalIgnoreCase)) _activeAlerts.Add(alert.Severity);
            }
        }

        public void Add(DefenderPlan plan)
        {
            lock (_gate)
            {
                PlansRead = true;
                if (!_plansRead.Contains(plan.Plan, StringComparer.OrdinalIgnoreCase)) _plansRead.Add(plan.Plan);
                if (plan.Enabled && !_enabledPlans.Contains(plan.Plan, StringComparer.OrdinalIgnoreCase)) _enabledPlans.Add(plan.Plan);
            }
        }

        public void Add(RegulatoryComplianceStandard standard)
        {
            lock (_gate) _compliance[standard.Standard] = new ComplianceSummary(standard.Standard, standard.PassedControls, standard.FailedControls, standard.SkippedControls, 1);
        }

        public void Add(Delegation delegation)
        {
            lock (_gate)
            {
                _delegations++;
                _defenderReady = (_defenderReady ?? false) || delegation.DefenderReady;
            }
        }

        public void Failed(string kind)
        {
            lock (_gate)
            {
                if (!_failedKinds.Contains(kind)) _failedKinds.Add(kind);
            }
        }

        public bool HasFailed(string kind)
        {
            lock (_gate) return _failedKinds.Contains(kind);
        }

        public SubscriptionPostureSummary ToSummary()
        {
            lock (_gate)
            {
                SecureScore? score = _score;
                return new SubscriptionPostureSummary(Ref, Subscription.State, Subscription.AccessType,
                    score?.Current, score?.Max, score?.Percentage, score?.Weight ?? 0,
                    _healthy, _unhealthy.ToCounts(), _notApplicable, _activeAlerts.ToCounts(), _alerts,
                    _plansRead.OrderBy(p => p, StringComparer.OrdinalIgnoreCase).ToList(), _enabledPlans.OrderBy(p => p, StringComparer.OrdinalIgnoreCase).ToList(),
                    _compliance.Values.OrderBy(c => c.Standard, StringComparer.OrdinalIgnoreCase).ToList(),
                    _delegations, _defenderReady, Math.Round(_potential, 2), _failedKinds.ToList());
            }
        }
    }
}
