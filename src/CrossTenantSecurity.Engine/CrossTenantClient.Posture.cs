using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;
using CrossTenantSecurity.Engine.Tenancy;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.DefenderForCloud;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Engine
{
    /// <summary>Defender posture across every subscription in scope, read in parallel and streamed as it arrives.</summary>
    public partial class CrossTenantClient
    {
        public virtual Task GetSecureScoresAsync(PostureQuery query, IScopeSink<SecureScore> sink, CancellationToken cancellationToken = default) =>
            ReadScoresAsync(query, sink, sink, cancellationToken);

        private Task ReadScoresAsync<T>(PostureQuery query, IScopeSink<T> sink, IScopeSink<SecureScore> results, CancellationToken cancellationToken) =>
            ReadPostureAsync(query, sink, heavy: false, "microsoft.security/securescores",
                (s, row) =>
                {
                    if (string.Equals(Json.String(row, "name"), "ascScore", StringComparison.OrdinalIgnoreCase)) results.OnResult(SecureScoreReader.Parse(s, row));
                },
                async (s, ct) =>
                {
                    if (await SecureScoreReader.ReadAsync(_arm, s, sink.OnVerbose, ct).ConfigureAwait(false) is { } score) results.OnResult(score);
                }, cancellationToken);

        /// <summary>
        /// One score per customer: Percentage = sum(weight x current / max) / sum(weight) x 100 over its
        /// subscriptions with max above 0. Per-subscription failures are still reported, and counted as missing.
        /// </summary>
        public virtual async Task GetTenantSecureScoresAsync(PostureQuery query, IScopeSink<TenantSecureScore> sink, CancellationToken cancellationToken = default)
        {
            var scores = new ForwardingCollector<SecureScore, TenantSecureScore>(sink, forwardProgress: true);
            List<DelegatedSubscription> subscriptions = await ResolveScopesAsync(query, sink, cancellationToken).ConfigureAwait(false);
            await ReadScoresAsync(query.WithSubscriptions(subscriptions), scores, scores, cancellationToken).ConfigureAwait(false);

            foreach (IGrouping<Guid, DelegatedSubscription> tenant in subscriptions.GroupBy(s => s.TenantId))
            {
                var tenantScores = scores.Items.Where(x => x.TenantId == tenant.Key).ToList();
                var scored = tenantScores.Where(x => x.Max > 0).ToList();
                long weight = scored.Sum(x => x.Weight);
                double percentage = weight > 0
                    ? Math.Round(scored.Sum(x => x.Weight * x.Current / x.Max) / weight * 100, 2)
                    : scored.Count > 0 ? Math.Round(scored.Average(x => x.Current / x.Max) * 100, 2) : double.NaN;
                sink.OnResult(new TenantSecureScore(tenant.Key, tenant.First().TenantName, percentage, Math.Round(tenantScores.Sum(x => x.Current), 2),
                    tenantScores.Sum(x => x.Max), weight, tenantScores.Count, tenant.Count() - tenantScores.Count));
            }
        }

        public virtual Task GetSecureScoreControlsAsync(PostureQuery query, IScopeSink<SecureScoreControl> sink, CancellationToken cancellationToken = default) =>
            ReadPostureAsync(query, sink, heavy: false, "microsoft.security/securescores/securescorecontrols",
                (s, row) => sink.OnResult(SecureScoreControlReader.Parse(s, row)),
                (s, ct) => SecureScoreControlReader.ReadAsync(_arm, s, sink, ct), cancellationToken);

        /// <summary>
        /// The <paramref name="top"/> controls worth most score across every customer: potential increase summed over
        /// subscriptions per control, with how many subscriptions and tenants could gain. Failures are still reported.
        /// </summary>
        public virtual async Task GetTopSecureScoreControlsAsync(PostureQuery query, int top, IScopeSink<SecureScoreControlSummary> sink, CancellationToken cancellationToken = default)
        {
            var controls = new ForwardingCollector<SecureScoreControl, SecureScoreControlSummary>(sink, forwardProgress: true);
            await GetSecureScoreControlsAsync(query, controls, cancellationToken).ConfigureAwait(false);
            IEnumerable<SecureScoreControlSummary> ranked = controls.Items.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => (Name: g.Key, DisplayName: g.First().DisplayName, Gain: Math.Round(g.Sum(c => c.PotentialIncrease), 2),
                    Unhealthy: g.Sum(c => c.UnhealthyResourceCount), Subscriptions: g.Count(c => c.PotentialIncrease > 0),
                    Tenants: g.Where(c => c.PotentialIncrease > 0).Select(c => c.TenantId).Distinct().Count()))
                .Where(x => x.Gain > 0)
                .OrderByDescending(x => x.Gain).ThenBy(x => x.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Take(top)
                .Select((x, i) => new SecureScoreControlSummary(i + 1, x.Name, x.DisplayName, x.Gain, x.Unhealthy, x.Subscriptions, x.Tenants));
            foreach (SecureScoreControlSummary summary in ranked) sink.OnResult(summary);
        }

        public virtual Task GetRecommendationsAsync(PostureQuery query, RecommendationFilter filter, IScopeSink<Recommendation> sink, CancellationToken cancellationToken = default) =>
            // Not "heavy": at Resource Graph's default quota a per-subscription fan-out reads assessments faster.
            ReadPostureAsync(query, sink, heavy: false, "microsoft.security/assessments",
                (s, row) =>
                {
                    Recommendation recommendation = RecommendationReader.Parse(s, row);
                    if (filter.Keeps(recommendation.Status, recommendation.Severity)) sink.OnResult(recommendation);
                },
                (s, ct) => RecommendationReader.ReadAsync(_arm, s, filter, sink, ct), cancellationToken);

        public virtual Task GetAlertsAsync(PostureQuery query, AlertFilter filter, IScopeSink<Alert> sink, CancellationToken cancellationToken = default) =>
            ReadPostureAsync(query, sink, heavy: false, "microsoft.security/locations/alerts",
                (s, row) =>
                {
                    Alert alert = AlertReader.Parse(s, row);
                    if (filter.Keeps(alert)) sink.OnResult(alert);
                },
                (s, ct) => AlertReader.ReadAsync(_arm, s, filter, sink, ct), cancellationToken);

        public virtual Task GetDefenderPlansAsync(PostureQuery query, IScopeSink<DefenderPlan> sink, CancellationToken cancellationToken = default) =>
            ReadPostureAsync(query, sink, heavy: false, "microsoft.security/pricings",
                (s, row) => sink.OnResult(DefenderPlanReader.Parse(s, row)),
                (s, ct) => DefenderPlanReader.ReadAsync(_arm, s, sink, ct), cancellationToken);

        /// <summary>Standards, and with <paramref name="includeControls"/> their controls (RegulatoryComplianceStandard and RegulatoryComplianceControl results).</summary>
        public virtual async Task GetRegulatoryComplianceAsync(PostureQuery query, bool includeControls, IScopeSink<object> sink, CancellationToken cancellationToken = default)
        {
            List<DelegatedSubscription> subscriptions = await ResolveScopesAsync(query, sink, cancellationToken).ConfigureAwait(false);
            await ReadPostureAsync(query.WithSubscriptions(subscriptions), sink, heavy: includeControls, "microsoft.security/regulatorycompliancestandards",
                (s, row) => sink.OnResult(ComplianceReader.ParseStandard(s, row)),
                (s, ct) => ComplianceReader.ReadAsync(_arm, s, includeControls, sink, ct), cancellationToken,
                afterGraph: includeControls ? async (covered, ct) =>
                {
                    // Controls only for the subscriptions Resource Graph covered; the others get both over ARM.
                    var withStandards = subscriptions.Where(s => covered.Contains(s.SubscriptionId)).ToList();
                    await new GraphPosture(_arm, _graphQuota).ReadAsync(withStandards, "microsoft.security/regulatorycompliancestandards/regulatorycompliancecontrols",
                        query.MaxConcurrency, sink,
                        (s, row) => sink.OnResult(ComplianceReader.ParseControl(s, ArmId.SegmentAfter(Json.String(row, "id"), "regulatoryComplianceStandards") ?? string.Empty, row)),
                        ct).ConfigureAwait(false);
                } : null).ConfigureAwait(false);
        }

        /// <summary>Always over ARM: Lighthouse assignments are not in securityresources.</summary>
        public virtual Task GetDelegationsAsync(PostureQuery query, IScopeSink<Delegation> sink, CancellationToken cancellationToken = default) =>
            FanOutAsync(query, sink, (s, ct) => DelegationReader.ReadAsync(_arm, s, sink, ct), cancellationToken);

        /// <summary>
        /// Changes alert states (dismiss, activate, resolve, inProgress: 204 and idempotent), in parallel.
        /// The location comes from each alert's id; with <paramref name="reread"/> the alert is read back and returned.
        /// </summary>
        public virtual Task SetAlertStatesAsync(IReadOnlyList<Alert> alerts, AlertState state, bool reread, int maxConcurrency, IScopeSink<Alert> sink, CancellationToken cancellationToken = default)
        {
            string action = state switch
            {
                AlertState.Active => "activate",
                AlertState.InProgress => "inProgress",
                AlertState.Resolved => "resolve",
                _ => "dismiss",
            };
            return ScopeFanOut.RunAsync(alerts, maxConcurrency, sink, async (alert, ct) =>
            {
                if (string.IsNullOrEmpty(alert.Location))
                    throw new ArmRequestException(400, "AlertLocationMissing", $"The alert id '{alert.Id}' has no /locations/ segment, so its state cannot be changed.", null);
                await _arm.PostAsync($"{alert.Id.TrimStart('/')}/{action}?api-version={ApiVersions.Alerts}", sink.OnVerbose, ct).ConfigureAwait(false);
                if (!reread) return;
                using JsonDocument doc = await _arm.GetAsync($"{alert.Id.TrimStart('/')}?api-version={ApiVersions.Alerts}", sink.OnVerbose, ct).ConfigureAwait(false);
                sink.OnResult(AlertReader.Parse(new SubscriptionRef(alert.SubscriptionId, alert.SubscriptionName, alert.TenantId, alert.TenantName), doc.RootElement));
            }, async (alert, e, ct) => await Task.FromResult(FailureMapper.ToFailure(alert.Id, e, alert,
                "Changing alert states needs Security Admin or Contributor in the customer's delegation.")).ConfigureAwait(false), cancellationToken);
        }

        /// <summary>
        /// Reads one posture type from Resource Graph or ARM as the query's source says (Auto: Resource Graph
        /// for heavy lists from the threshold on). Subscriptions Resource Graph returns no rows for are read
        /// over ARM, so each still ends as data or as one typed failure.
        /// </summary>
        private async Task ReadPostureAsync<T>(PostureQuery query, IScopeSink<T> sink, bool heavy, string graphType,
            Action<SubscriptionRef, JsonElement> fromGraph, Func<SubscriptionRef, CancellationToken, Task> fromArm, CancellationToken cancellationToken,
            Func<ISet<string>, CancellationToken, Task>? afterGraph = null)
        {
            bool mayUseGraph = query.Source == PostureSource.ResourceGraph || (query.Source == PostureSource.Auto && heavy);
            if (!mayUseGraph)
            {
                // ARM only: stream over the subscriptions as they are listed.
                await FanOutAsync(query, sink, fromArm, cancellationToken).ConfigureAwait(false);
                return;
            }
            List<DelegatedSubscription> subscriptions = query.ResolvedSubscriptions ?? await ResolveScopesAsync(query, sink, cancellationToken).ConfigureAwait(false);
            bool useGraph = query.Source == PostureSource.ResourceGraph || subscriptions.Count >= query.ResourceGraphThreshold;
            if (!useGraph || subscriptions.Count == 0)
            {
                await FanOutAsync(subscriptions, query, sink, fromArm, cancellationToken).ConfigureAwait(false);
                return;
            }
            ISet<string> covered = await new GraphPosture(_arm, _graphQuota).ReadAsync(subscriptions, graphType, query.MaxConcurrency, sink, fromGraph, cancellationToken).ConfigureAwait(false);
            if (afterGraph is not null) await afterGraph(covered, cancellationToken).ConfigureAwait(false);
            var rest = subscriptions.Where(s => !covered.Contains(s.SubscriptionId)).ToList();
            if (rest.Count == 0) return;
            sink.OnVerbose($"{rest.Count} subscription(s) returned no Resource Graph rows; reading them over ARM.");
            await FanOutAsync(rest, query, sink, fromArm, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Fans out over the scope while it is still being listed, so the first results arrive after one page.</summary>
        private Task FanOutAsync<T>(PostureQuery query, IScopeSink<T> sink, Func<SubscriptionRef, CancellationToken, Task> work, CancellationToken cancellationToken) =>
            FanOutSubscriptionsAsync(query, sink, (s, ct) => work(SubscriptionRef.From(s), ct), cancellationToken, listed: null);

        /// <summary>
        /// Fans out over the subscriptions (streamed from the listing, or already resolved), with the whole subscription as
        /// the scope; <paramref name="listed"/> learns the listing's running count.
        /// </summary>
        private async Task FanOutSubscriptionsAsync<T>(PostureQuery query, IScopeSink<T> sink, Func<DelegatedSubscription, CancellationToken, Task> work,
            CancellationToken cancellationToken, Action<int>? listed)
        {
            if (query.ResolvedSubscriptions is { } resolved)
            {
                await ScopeFanOut.RunAsync(resolved, query.MaxConcurrency, sink, work,
                    (s, e, ct) => DescribeFailureAsync(s, e, sink.OnVerbose, ct), cancellationToken).ConfigureAwait(false);
                return;
            }
            var channel = Channel.CreateUnbounded<DelegatedSubscription>(new UnboundedChannelOptions { SingleWriter = true });
            var lister = new ChannelSink<T>(channel.Writer, sink, listed);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task listing = Task.Run(async () =>
            {
                try { await ListSubscriptionsAsync(query.Scope, lister, stop.Token).ConfigureAwait(false); }
                finally { channel.Writer.TryComplete(); }
            }, stop.Token);
            bool finished = false;
            try
            {
                await ScopeFanOut.RunAsync(channel.Reader, () => lister.Listed, query.MaxConcurrency, sink, work,
                    (s, e, ct) => DescribeFailureAsync(s, e, sink.OnVerbose, ct),
                    stop.Token).ConfigureAwait(false);
                finished = true;
            }
            finally
            {
                if (!finished)
                {
                    // The fan-out stopped (cancelled or failed): stop listing too, and observe its end.
                    stop.Cancel();
                    try { await listing.ConfigureAwait(false); } catch (Exception) when (stop.IsCancellationRequested) { }
                }
            }
            await listing.ConfigureAwait(false); // a listing failure (e.g. the sign-in expired) ends the command
        }

        private Task FanOutAsync<T>(List<DelegatedSubscription> subscriptions, PostureQuery query, IScopeSink<T> sink, Func<SubscriptionRef, CancellationToken, Task> work, CancellationToken cancellationToken) =>
            ScopeFanOut.RunAsync(subscriptions, query.MaxConcurrency, sink,
                (s, ct) => work(SubscriptionRef.From(s), ct),
                (s, e, ct) => DescribeFailureAsync(s, e, sink.OnVerbose, ct),
                cancellationToken);

        /// <summary>The subscriptions in scope; unknown ids and tenants are reported to the sink, not dropped.</summary>
        private async Task<List<DelegatedSubscription>> ResolveScopesAsync<T>(PostureQuery query, IScopeSink<T> sink, CancellationToken cancellationToken)
        {
            var collector = new ForwardingCollector<DelegatedSubscription, T>(sink);
            await ListSubscriptionsAsync(query.Scope, collector, cancellationToken).ConfigureAwait(false);
            return collector.Items;
        }

        /// <summary>Whether the caller holds any role at the subscription itself (not only in its resource groups); asked once per session and subscription.</summary>
        private async Task<bool> HasSubscriptionRoleAsync(string subscriptionId, Action<string> verbose, CancellationToken ct)
        {
            string answer = await _arm.Cache.GetOrAddAsync($"permissions:{subscriptionId}", async () =>
            {
                using JsonDocument permissions = await _arm.GetAsync($"subscriptions/{subscriptionId}/providers/Microsoft.Authorization/permissions?api-version={ApiVersions.Permissions}", verbose, ct).ConfigureAwait(false);
                return Json.Array(permissions.RootElement, "value").Any(p => Json.Array(p, "actions").Any()) ? "yes" : "no";
            }).ConfigureAwait(false);
            return answer == "yes";
        }

        /// <summary>
        /// One typed failure per scope. A 403 is looked into: with no role at all at subscription level but
        /// resource groups visible, the subscription is delegated only at resource-group level, and says so.
        /// </summary>
        private async Task<ScopeFailure> DescribeFailureAsync(DelegatedSubscription s, Exception exception, Action<string> verbose, CancellationToken ct)
        {
            ScopeFailure failure = FailureMapper.ToFailure(s.SubscriptionId, exception, s);
            if (failure.Kind != ScopeFailureKind.Forbidden) return failure;
            try
            {
                bool anySubscriptionRole = await HasSubscriptionRoleAsync(s.SubscriptionId, verbose, ct).ConfigureAwait(false);
                if (anySubscriptionRole) return failure;
                List<string> groups = await ResourceGroups.ListAsync(_arm, s.SubscriptionId, verbose, ct).ConfigureAwait(false);
                if (groups.Count == 0) return failure;
                return new ScopeFailure(s.SubscriptionId, ScopeFailureKind.ResourceGroupOnly, 403, failure.ErrorCode,
                    $"Subscription '{s.DisplayName}' ({s.SubscriptionId}) of {s.TenantName ?? s.TenantId.ToString()} is delegated to you only at resource-group level ({string.Join(", ", groups)}); subscription-level Defender data is out of reach.",
                    FailureMapper.RecommendedAction(ScopeFailureKind.ResourceGroupOnly, null), exception, s);
            }
            catch (Exception probe) when (probe is ArmRequestException or Azure.RequestFailedException)
            {
                return failure;
            }
        }
    }
}
