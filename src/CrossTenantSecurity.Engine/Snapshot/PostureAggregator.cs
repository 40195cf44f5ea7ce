using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>
    /// Folds a snapshot's rows into summaries as they arrive: each subscription's rows are counted into its
    /// accumulator, which is closed into its tenant's totals when the subscription is done. What stays is one
    /// summary per subscription and per tenant, plus per-tenant tallies per recommendation and control (bounded
    /// by the catalogue, not by the rows), so memory does not grow with the assessments read. With
    /// <c>includeDetail</c> every row is kept as well, for export.
    /// </summary>
    internal sealed class PostureAggregator
    {
        public const int TopCount = 10;
        private readonly object _gate = new object();
        private readonly ConcurrentDictionary<string, SubscriptionAccumulator> _open = new ConcurrentDictionary<string, SubscriptionAccumulator>(StringComparer.OrdinalIgnoreCase);
        private readonly List<SubscriptionPostureSummary> _subscriptions = new List<SubscriptionPostureSummary>();
        private readonly Dictionary<Guid, TenantTotals> _tenants = new Dictionary<Guid, TenantTotals>();
        private readonly List<SnapshotFailure> _failures = new List<SnapshotFailure>();
        private readonly DetailRows? _detail;

        public PostureAggregator(bool includeDetail)
        {
            _detail = includeDetail ? new DetailRows() : null;
        }

        /// <summary>Starts (or returns) a subscription's accumulator.</summary>
        public SubscriptionAccumulator Open(DelegatedSubscription subscription) =>
            _open.GetOrAdd(subscription.SubscriptionId, _ => new SubscriptionAccumulator(subscription));

        public SubscriptionAccumulator? Find(string subscriptionId) => _open.TryGetValue(subscriptionId, out SubscriptionAccumulator? a) ? a : null;

        public void Add(SubscriptionAccumulator s, SecureScore row) { s.Add(row); _detail?.SecureScores.Enqueue(row); }
        public void Add(SubscriptionAccumulator s, SecureScoreControl row) { s.Add(row); _detail?.Controls.Enqueue(row); }
        public void Add(SubscriptionAccumulator s, Recommendation row) { s.Add(row); _detail?.Recommendations.Enqueue(row); }
        public void Add(SubscriptionAccumulator s, Alert row) { s.Add(row); _detail?.Alerts.Enqueue(row); }
        public void Add(SubscriptionAccumulator s, DefenderPlan row) { s.Add(row); _detail?.Plans.Enqueue(row); }
        public void Add(SubscriptionAccumulator s, RegulatoryComplianceStandard row) { s.Add(row); _detail?.Compliance.Enqueue(row); }
        public void Add(SubscriptionAccumulator s, Delegation row) { s.Add(row); _detail?.Delegations.Enqueue(row); }

        /// <summary>Records one kind of one subscription as failed; returns the failure as the error stream should carry it.</summary>
        public ScopeFailure Fail(SubscriptionAccumulator s, string kind, ScopeFailure failure)
        {
            s.Failed(kind);
            var data = new SnapshotFailure($"{kind}.{failure.Kind}", kind, failure.Kind, s.Ref.TenantId, s.Ref.TenantName, failure.Scope, s.Ref.SubscriptionName,
                failure.HttpStatus, failure.ErrorCode, failure.Message, failure.RecommendedAction);
            lock (_gate) _failures.Add(data);
            return failure.WithNoun(kind);
        }

        /// <summary>A failure that belongs to no single kind of a known subscription (e.g. an unknown -SubscriptionId).</summary>
        public void Fail(ScopeFailure failure, string noun)
        {
            Guid? tenant = (failure.Target as DelegatedSubscription)?.TenantId;
            var data = new SnapshotFailure($"{noun}.{failure.Kind}", noun, failure.Kind, tenant, (failure.Target as DelegatedSubscription)?.TenantName,
                failure.Scope, (failure.Target as DelegatedSubscription)?.DisplayName, failure.HttpStatus, failure.ErrorCode, failure.Message, failure.RecommendedAction);
            lock (_gate) _failures.Add(data);
        }

        /// <summary>The subscription is done: its summary is kept and its tallies folded into its tenant.</summary>
        public void Close(SubscriptionAccumulator s)
        {
            if (!_open.TryRemove(s.Subscription.SubscriptionId, out _)) return;
            SubscriptionPostureSummary summary = s.ToSummary();
            lock (_gate)
            {
                _subscriptions.Add(summary);
                if (!_tenants.TryGetValue(summary.TenantId, out TenantTotals? tenant))
                {
                    tenant = new TenantTotals(summary.TenantId, summary.TenantName);
                    _tenants.Add(summary.TenantId, tenant);
                }
                tenant.Add(summary, s);
            }
        }

        /// <summary>Closes whatever is still open (Resource Graph mode opens every subscription up front).</summary>
        public void CloseAll()
        {
            foreach (SubscriptionAccumulator s in _open.Values.ToList()) Close(s);
        }

        public PostureSnapshot Build(Context context, PostureQuery query, DateTimeOffset takenAt, TimeSpan duration)
        {
            lock (_gate)
            {
                var tenants = _tenants.Values.OrderBy(t => t.TenantName ?? t.TenantId.ToString(), StringComparer.OrdinalIgnoreCase)
                    .Select(t => t.ToSummary(_failures.Count(f => f.TenantId == t.TenantId))).ToList();
                var estate = new TenantTotals(Guid.Empty, null);
                foreach (TenantTotals t in _tenants.Values) estate.Merge(t);

                List<RecommendationSummary> topRecommendations = RankRecommendations(_tenants.Values
                    .SelectMany(t => t.Recommendations.Select(r => (Tenant: t.TenantId, r.Key, r.Value))).GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(g => (g.Key, g.First().Value.DisplayName, g.First().Value.Severity, g.Sum(x => x.Value.Count), g.Sum(x => x.Value.Subscriptions), g.Select(x => x.Tenant).Distinct().Count())));
                List<SecureScoreControlSummary> topControls = RankControls(_tenants.Values
                    .SelectMany(t => t.Controls.Select(c => (Tenant: t.TenantId, c.Key, c.Value))).GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(g => (g.Key, g.First().Value.DisplayName, g.Sum(x => x.Value.Gain), g.Sum(x => x.Value.Unhealthy), g.Sum(x => x.Value.Subscriptions), g.Select(x => x.Tenant).Distinct().Count())));

                PostureSnapshotDetail? detail = _detail?.ToDetail();
                return new PostureSnapshot(takenAt, duration, context.TenantId, context.Account, context.Environment, query.Source.ToString(),
                    query.Scope.TenantIds.ToList(), query.Scope.SubscriptionIds.ToList(), query.Scope.IncludeHome,
                    estate.Percentage(), estate.Unhealthy.ToCounts(), estate.ActiveAlerts.ToCounts(), estate.PlanCoverage(), estate.ComplianceSummaries(),
                    tenants, _subscriptions.OrderBy(s => s.TenantName ?? s.TenantId.ToString(), StringComparer.OrdinalIgnoreCase)
                        .ThenBy(s => s.SubscriptionName ?? s.SubscriptionId, StringComparer.OrdinalIgnoreCase).ToList(),
                    topRecommendations, topControls,
                    _failures.OrderBy(f => f.TenantName, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Target, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.PostureKind, StringComparer.Ordinal).ToList(),
                    detail);
            }
        }

        /// <summary>Most severe first, then most widespread (unhealthy resources).</summary>
        internal static List<RecommendationSummary> RankRecommendations(IEnumerable<(string Key, string? DisplayName, Severity Severity, int Unhealthy, int Subscriptions, int Tenants)> rows) =>
            rows.OrderByDescending(r => r.Severity).ThenByDescending(r => r.Unhealthy).ThenBy(r => r.DisplayName ?? r.Key, StringComparer.OrdinalIgnoreCase)
                .Take(TopCount).Select((r, i) => new RecommendationSummary(i + 1, r.Key, r.DisplayName, r.Severity, r.Unhealthy, r.Subscriptions, r.Tenants)).ToList();

        /// <summary>Most score to gain first (as Get-CtSecureScoreControl -Top).</summary>
        internal static List<SecureScoreControlSummary> RankControls(IEnumerable<(string Name, string? DisplayName, double Gain, int Unhealthy, int Subscriptions, int Tenants)> rows) =>
            rows.Where(c => c.Gain > 0).OrderByDescending(c => Math.Round(c.Gain, 2)).ThenBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Take(TopCount).Select((c, i) => new SecureScoreControlSummary(i + 1, c.Name, c.DisplayName, Math.Round(c.Gain, 2), c.Unhealthy, c.Subscriptions, c.Tenants)).ToList();

        /// <summary>A tenant's (or the estate's) running totals.</summary>
        private sealed class TenantTotals
        {
            private int _subscriptions, _scored, _failedSubscriptions, _plansRead, _scoredWithMax;
            private double _weighted, _unweighted, _current, _max;
            private long _weight;
            public Tally Unhealthy, ActiveAlerts;
            private readonly Dictionary<string, int> _planEnabled = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, (int Passed, int Failed, int Skipped, int Subscriptions)> _compliance =
                new Dictionary<string, (int, int, int, int)>(StringComparer.OrdinalIgnoreCase);

            public TenantTotals(Guid tenantId, string? tenantName)
            {
                TenantId = tenantId;
                TenantName = tenantName;
            }

            public Guid TenantId { get; }
            public string? TenantName { get; }
            public Dictionary<string, (string? DisplayName, Severity Severity, int Count, int Subscriptions)> Recommendations { get; } =
                new Dictionary<string, (string?, Severity, int, int)>(StringComparer.OrdinalIgnoreCase);
            public Dictionary<string, (string? DisplayName, double Gain, int Unhealthy, int Subscriptions)> Controls { get; } =
                new Dictionary<string, (string?, double, int, int)>(StringComparer.OrdinalIgnoreCase);

            public void Add(SubscriptionPostureSummary s, SubscriptionAccumulator rows)
            {
                _subscriptions++;
                if (!s.Audited) _failedSubscriptions++;
                if (s.Current is double current && s.Max is double max)
                {
                    _scored++;
                    _current += current;
                    _max += max;
                    if (max > 0)
                    {
                        _scoredWithMax++;
                        _weighted += s.Weight * current / max;
                        _weight += s.Weight;
                        _unweighted += current / max;
                    }
                }
                Unhealthy.Add(s.Unhealthy);
                ActiveAlerts.Add(s.ActiveAlerts);
                if (rows.PlansRead)
                {
                    _plansRead++;
                    foreach (string plan in s.PlansRead) _planEnabled[plan] = _planEnabled.TryGetValue(plan, out int n) ? n : 0;
                    foreach (string plan in s.EnabledPlans) _planEnabled[plan]++;
                }
                foreach (ComplianceSummary c in s.Compliance)
                {
                    _compliance.TryGetValue(c.Standard, out var known);
                    _compliance[c.Standard] = (known.Passed + c.PassedControls, known.Failed + c.FailedControls, known.Skipped + c.SkippedControls, known.Subscriptions + 1);
                }
                foreach (var r in rows.Recommendations)
                {
                    Recommendations.TryGetValue(r.Key, out var known);
                    Recommendations[r.Key] = (r.Value.DisplayName ?? known.DisplayName, r.Value.Severity != Severity.Unknown ? r.Value.Severity : known.Severity, known.Count + r.Value.Count, known.Subscriptions + 1);
                }
                foreach (var c in rows.Controls)
                {
                    Controls.TryGetValue(c.Key, out var known);
                    Controls[c.Key] = (c.Value.DisplayName ?? known.DisplayName, known.Gain + c.Value.Gain, known.Unhealthy + c.Value.Unhealthy, known.Subscriptions + 1);
                }
            }

            /// <summary>Adds another tenant's totals (for the estate-wide figures).</summary>
            public void Merge(TenantTotals t)
            {
                _subscriptions += t._subscriptions;
                _scored += t._scored;
                _scoredWithMax += t._scoredWithMax;
                _failedSubscriptions += t._failedSubscriptions;
                _plansRead += t._plansRead;
                _weighted += t._weighted;
                _unweighted += t._unweighted;
                _current += t._current;
                _max += t._max;
                _weight += t._weight;
                Unhealthy.Add(t.Unhealthy.ToCounts());
                ActiveAlerts.Add(t.ActiveAlerts.ToCounts());
                foreach (var p in t._planEnabled) _planEnabled[p.Key] = (_planEnabled.TryGetValue(p.Key, out int n) ? n : 0) + p.Value;
                foreach (var c in t._compliance)
                {
                    _compliance.TryGetValue(c.Key, out var known);
                    _compliance[c.Key] = (known.Passed + c.Value.Passed, known.Failed + c.Value.Failed, known.Skipped + c.Value.Skipped, known.Subscriptions + c.Value.Subscriptions);
                }
            }

            /// <summary>As Get-CtSecureScore -AggregateBy Tenant: weighted over subscriptions with max above 0; unweighted when no weight; NaN with no score.</summary>
            public double Percentage() =>
                _weight > 0 ? Math.Round(_weighted / _weight * 100, 2) : _scoredWithMax > 0 ? Math.Round(_unweighted / _scoredWithMax * 100, 2) : double.NaN;

            public List<PlanCoverage> PlanCoverage() =>
                _planEnabled.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => new PlanCoverage(p.Key, p.Value, _plansRead)).ToList();

            public List<ComplianceSummary> ComplianceSummaries() =>
                _compliance.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase).Select(c => new ComplianceSummary(c.Key, c.Value.Passed, c.Value.Failed, c.Value.Skipped, c.Value.Subscriptions)).ToList();

            public TenantPostureSummary ToSummary(int failures) =>
                new TenantPostureSummary(TenantId, TenantName, _subscriptions, _scored, Percentage(), Math.Round(_current, 2), _max, _weight,
                    Unhealthy.ToCounts(), ActiveAlerts.ToCounts(), PlanCoverage(), ComplianceSummaries(), _failedSubscriptions, failures,
                    RankRecommendations(Recommendations.Select(r => (r.Key, r.Value.DisplayName, r.Value.Severity, r.Value.Count, r.Value.Subscriptions, 1))),
                    RankControls(Controls.Select(c => (c.Key, c.Value.DisplayName, c.Value.Gain, c.Value.Unhealthy, c.Value.Subscriptions, 1))));
        }

        private sealed class DetailRows
        {
            public ConcurrentQueue<SecureScore> SecureScores { get; } = new ConcurrentQueue<SecureScore>();
            public ConcurrentQueue<SecureScoreControl> Controls { get; } = new ConcurrentQueue<SecureScoreControl>();
            public ConcurrentQueue<Recommendation> Recommendations { get; } = new ConcurrentQueue<Recommendation>();
            public ConcurrentQueue<Alert> Alerts { get; } = new ConcurrentQueue<Alert>();
            public ConcurrentQueue<DefenderPlan> Plans { get; } = new ConcurrentQueue<DefenderPlan>();
            public ConcurrentQueue<RegulatoryComplianceStandard> Compliance { get; } = new ConcurrentQueue<RegulatoryComplianceStandard>();
            public ConcurrentQueue<Delegation> Delegations { get; } = new ConcurrentQueue<Delegation>();

            public PostureSnapshotDetail ToDetail() => new PostureSnapshotDetail(SecureScores.ToList(), Controls.ToList(), Recommendations.ToList(),
                Alerts.ToList(), Plans.ToList(), Compliance.ToList(), Delegations.ToList());
        }
    }
}
