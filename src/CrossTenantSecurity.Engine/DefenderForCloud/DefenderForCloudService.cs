using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// Defender for Cloud posture across every subscription in scope, read in parallel and streamed as it arrives:
    /// each command is a kind from <see cref="PostureKinds"/> with its filter, read by one generic path.
    /// </summary>
    internal sealed class DefenderForCloudService
    {
        private readonly ArmGateway _arm;
        private readonly PostureReader _reader;
        private readonly SubscriptionScope _subscriptions;

        public DefenderForCloudService(ArmGateway arm, PostureReader reader, SubscriptionScope subscriptions)
        {
            _arm = arm;
            _reader = reader;
            _subscriptions = subscriptions;
        }

        public Task GetSecureScoresAsync(PostureQuery query, IScopeSink<SecureScore> sink, CancellationToken cancellationToken) =>
            ReadAsync(query, PostureKinds.SecureScore, PostureFilter<SecureScore>.All, sink, cancellationToken);

        /// <summary>One score per customer (<see cref="TenantScoreWeighting"/>); per-subscription failures are still reported, and counted as missing.</summary>
        public async Task GetTenantSecureScoresAsync(PostureQuery query, IScopeSink<TenantSecureScore> sink, CancellationToken cancellationToken)
        {
            var scores = new ForwardingCollector<SecureScore, TenantSecureScore>(sink, forwardProgress: true);
            List<DelegatedSubscription> subscriptions = await _subscriptions.ResolveAsync(query.Scope, sink, cancellationToken).ConfigureAwait(false);
            await GetSecureScoresAsync(query.WithSubscriptions(subscriptions), scores, cancellationToken).ConfigureAwait(false);
            foreach (TenantSecureScore tenant in TenantScoreWeighting.PerTenant(subscriptions, scores.Items)) sink.OnResult(tenant);
        }

        public Task GetSecureScoreControlsAsync(PostureQuery query, IScopeSink<SecureScoreControl> sink, CancellationToken cancellationToken) =>
            ReadAsync(query, PostureKinds.SecureScoreControls, PostureFilter<SecureScoreControl>.All, sink, cancellationToken);

        /// <summary>The <paramref name="top"/> controls worth most score across every customer (<see cref="ControlRanking"/>); failures are still reported.</summary>
        public async Task GetTopSecureScoreControlsAsync(PostureQuery query, int top, IScopeSink<SecureScoreControlSummary> sink, CancellationToken cancellationToken)
        {
            var controls = new ForwardingCollector<SecureScoreControl, SecureScoreControlSummary>(sink, forwardProgress: true);
            await GetSecureScoreControlsAsync(query, controls, cancellationToken).ConfigureAwait(false);
            foreach (SecureScoreControlSummary summary in ControlRanking.Top(controls.Items, top)) sink.OnResult(summary);
        }

        public Task GetRecommendationsAsync(PostureQuery query, RecommendationFilter filter, IScopeSink<Recommendation> sink, CancellationToken cancellationToken) =>
            ReadAsync(query, PostureKinds.Recommendations, PostureFilters.Of(filter), sink, cancellationToken);

        public Task GetAlertsAsync(PostureQuery query, AlertFilter filter, IScopeSink<Alert> sink, CancellationToken cancellationToken) =>
            ReadAsync(query, PostureKinds.Alerts, PostureFilters.Of(filter), sink, cancellationToken);

        public async Task GetDefenderPlansAsync(PostureQuery query, DefenderPlanFilter filter, IScopeSink<DefenderPlan> sink, CancellationToken cancellationToken) =>
            await ReadAsync(query, PostureKinds.DefenderPlans, PostureFilters.Of(filter), sink, cancellationToken).ConfigureAwait(false);

        /// <summary>Standards, and with <paramref name="includeControls"/> the controls of each standard kept (into the same sink).</summary>
        public async Task GetRegulatoryComplianceAsync(PostureQuery query, bool includeControls, ComplianceFilter filter, IScopeSink<object> sink, CancellationToken cancellationToken)
        {
            PostureFilter<RegulatoryComplianceStandard> standards = PostureFilters.Standards(filter);
            IChildRead<RegulatoryComplianceStandard>? controls = includeControls ? PostureKinds.ControlsOfStandard.Read(PostureFilters.Controls(filter), sink) : null;
            await ReadAsync(query, PostureKinds.ComplianceStandards, standards, sink, cancellationToken, controls).ConfigureAwait(false);
        }

        public Task GetDelegationsAsync(PostureQuery query, IScopeSink<Delegation> sink, CancellationToken cancellationToken) =>
            ReadAsync(query, PostureKinds.Delegations, PostureFilter<Delegation>.All, sink, cancellationToken);

        /// <summary>
        /// Changes alert states (dismiss, activate, resolve, inProgress: 204 and idempotent), in parallel.
        /// The location comes from each alert's id; with <paramref name="reread"/> the alert is read back and returned.
        /// </summary>
        public async Task SetAlertStatesAsync(IReadOnlyList<Alert> alerts, AlertState state, bool reread, int maxConcurrency, IScopeSink<Alert> sink, CancellationToken cancellationToken)
        {
            string action = state switch
            {
                AlertState.Active => "activate",
                AlertState.InProgress => "inProgress",
                AlertState.Resolved => "resolve",
                _ => "dismiss",
            };
            // A write to a subscription you cannot see says NotFound, as a read does (ARM would answer 401 or 403,
            // which reads as "sign in again" or "ask for a role" and names no customer). The listing is the session's cached one.
            List<DelegatedSubscription> reachable = await _subscriptions.ResolveAsync(new SubscriptionQuery { IncludeHome = true }, sink, cancellationToken).ConfigureAwait(false);
            var reachableIds = new HashSet<string>(reachable.Select(s => s.SubscriptionId), StringComparer.OrdinalIgnoreCase);
            var writable = new List<Alert>();
            foreach (Alert alert in alerts)
            {
                if (reachableIds.Contains(alert.SubscriptionId)) writable.Add(alert);
                else sink.OnFailure(_subscriptions.NotReachable(alert.SubscriptionId, alert));
            }
            await ScopeFanOut.RunAsync(writable, maxConcurrency, sink, async (alert, ct) =>
            {
                if (string.IsNullOrEmpty(alert.Location))
                    throw new ArmRequestException(400, "AlertLocationMissing", $"The alert id '{alert.Id}' has no /locations/ segment, so its state cannot be changed.", null);
                await _arm.PostAsync($"{alert.Id.TrimStart('/')}/{action}?api-version={ApiVersions.Alerts}", sink.OnVerbose, ct).ConfigureAwait(false);
                if (!reread) return;
                string path = $"{alert.Id.TrimStart('/')}?api-version={ApiVersions.Alerts}";
                using JsonDocument doc = await _arm.GetAsync(path, sink.OnVerbose, ct).ConfigureAwait(false);
                ShapeCheck.Document(PostureKinds.Alerts.Required, doc, path);
                sink.OnResult(AlertReader.Parse(new SubscriptionRef(alert.SubscriptionId, alert.SubscriptionName, alert.TenantId, alert.TenantName), doc.RootElement));
            }, (alert, e, ct) => Task.FromResult(FailureMapper.ToFailure(alert.Id, e, alert,
                "Changing alert states needs Security Admin or Contributor in the customer's delegation.")), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Reads one kind (and its children) from Resource Graph or ARM as the query's source says (Auto: Resource Graph for
        /// kinds that prefer it, from the threshold on). Subscriptions Resource Graph returns no rows for are read over ARM,
        /// and those it returned rows for that do not fit the kind fail as InvalidResponse, so each still ends as data or as
        /// one typed failure.
        /// </summary>
        private async Task ReadAsync<T>(PostureQuery query, PostureKind<T> kind, PostureFilter<T> filter, IScopeSink<T> sink, CancellationToken cancellationToken,
            IChildRead<T>? children = null)
        {
            Task OverArmAsync(DelegatedSubscription s, CancellationToken ct) =>
                _reader.ReadOverArmAsync(kind, filter, SubscriptionRef.From(s), sink, ct, children: children);

            bool preferGraph = kind.PreferGraph || children?.PreferGraph == true;
            bool mayUseGraph = kind.GraphType is not null && (query.Source == PostureSource.ResourceGraph || (query.Source == PostureSource.Auto && preferGraph));
            if (!mayUseGraph)
            {
                // ARM only: stream over the subscriptions as they are listed.
                await _subscriptions.FanOutAsync(query, sink, OverArmAsync, cancellationToken).ConfigureAwait(false);
                return;
            }
            List<DelegatedSubscription> subscriptions = query.ResolvedSubscriptions ?? await _subscriptions.ResolveAsync(query.Scope, sink, cancellationToken).ConfigureAwait(false);
            bool useGraph = query.Source == PostureSource.ResourceGraph || subscriptions.Count >= query.ResourceGraphThreshold;
            if (!useGraph || subscriptions.Count == 0)
            {
                await _subscriptions.FanOutAsync(subscriptions, query.MaxConcurrency, sink, OverArmAsync, cancellationToken).ConfigureAwait(false);
                return;
            }
            GraphCoverage coverage = await _reader.ReadFromGraphAsync(kind, filter, subscriptions, query.MaxConcurrency, sink, cancellationToken).ConfigureAwait(false);
            if (children is not null)
            {
                // Children only for the subscriptions Resource Graph covered; the others get both over ARM.
                var parentsCovered = subscriptions.Where(s => coverage.Covers(s.SubscriptionId)).ToList();
                coverage = coverage.With(await children.ReadFromGraphAsync(_reader, parentsCovered, query.MaxConcurrency, cancellationToken).ConfigureAwait(false));
            }
            var rest = subscriptions.Where(s => !coverage.Covers(s.SubscriptionId)).ToList();
            if (rest.Count == 0) return;
            sink.OnVerbose($"{rest.Count} subscription(s) returned no usable Resource Graph rows; reading them over ARM.");
            await _subscriptions.FanOutAsync(rest, query.MaxConcurrency, sink, (s, ct) =>
            {
                coverage.ThrowIfInvalid(s.SubscriptionId);
                return OverArmAsync(s, ct);
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
