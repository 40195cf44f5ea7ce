using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine
{
    /// <summary>Defender posture across every subscription in scope: the facade over <see cref="DefenderForCloudService"/>.</summary>
    public partial class CrossTenantClient
    {
        private SubscriptionScope? _subscriptionScope;
        private PostureReader? _postureReader;
        private DefenderForCloudService? _defenderForCloud;

        /// <summary>The subscription listing as the scope of posture reads, with the resource-group-only diagnosis of failures.</summary>
        private SubscriptionScope Subscriptions => LazyInitializer.EnsureInitialized(ref _subscriptionScope,
            () => new SubscriptionScope(scope => (sink, ct) => ListSubscriptionsAsync(scope, sink, ct), new SubscriptionFailures(_arm),
                _tenancy.SubscriptionNotReachable));

        private PostureReader PostureReader => LazyInitializer.EnsureInitialized(ref _postureReader, () => new PostureReader(_arm, _graphQuota));

        private DefenderForCloudService DefenderForCloud => LazyInitializer.EnsureInitialized(ref _defenderForCloud,
            () => new DefenderForCloudService(_arm, PostureReader, Subscriptions));

        public virtual Task GetSecureScoresAsync(PostureQuery query, IScopeSink<SecureScore> sink, CancellationToken cancellationToken = default) =>
            DefenderForCloud.GetSecureScoresAsync(query, sink, cancellationToken);

        /// <summary>
        /// One score per customer: Percentage = sum(weight x current / max) / sum(weight) x 100 over its
        /// subscriptions with max above 0. Per-subscription failures are still reported, and counted as missing.
        /// </summary>
        public virtual Task GetTenantSecureScoresAsync(PostureQuery query, IScopeSink<TenantSecureScore> sink, CancellationToken cancellationToken = default) =>
            DefenderForCloud.GetTenantSecureScoresAsync(query, sink, cancellationToken);

        public virtual Task GetSecureScoreControlsAsync(PostureQuery query, IScopeSink<SecureScoreControl> sink, CancellationToken cancellationToken = default) =>
            DefenderForCloud.GetSecureScoreControlsAsync(query, sink, cancellationToken);

        /// <summary>
        /// The <paramref name="top"/> controls worth most score across every customer: potential increase summed over
        /// subscriptions per control, with how many subscriptions and tenants could gain. Failures are still reported.
        /// </summary>
        public virtual Task GetTopSecureScoreControlsAsync(PostureQuery query, int top, IScopeSink<SecureScoreControlSummary> sink, CancellationToken cancellationToken = default) =>
            DefenderForCloud.GetTopSecureScoreControlsAsync(query, top, sink, cancellationToken);

        /// <summary>
        /// Assessments joined with their metadata. Items that come without inline metadata are joined with the subscription's
        /// assessment metadata list; if that cannot be read they come without severity (a severity filter does not match them)
        /// and a warning names the subscription.
        /// </summary>
        public virtual Task GetRecommendationsAsync(PostureQuery query, RecommendationFilter filter, IScopeSink<Recommendation> sink, CancellationToken cancellationToken = default) =>
            DefenderForCloud.GetRecommendationsAsync(query, filter, sink, cancellationToken);

        public virtual Task GetAlertsAsync(PostureQuery query, AlertFilter filter, IScopeSink<Alert> sink, CancellationToken cancellationToken = default) =>
            DefenderForCloud.GetAlertsAsync(query, filter, sink, cancellationToken);

        public virtual Task GetDefenderPlansAsync(PostureQuery query, IScopeSink<DefenderPlan> sink, CancellationToken cancellationToken = default) =>
            GetDefenderPlansAsync(query, new DefenderPlanFilter(), sink, cancellationToken);

        /// <summary>The plans <paramref name="filter"/> keeps; an invalid pattern ends the command (DefenderPlan.InvalidPattern) before any request.</summary>
        public virtual Task GetDefenderPlansAsync(PostureQuery query, DefenderPlanFilter filter, IScopeSink<DefenderPlan> sink, CancellationToken cancellationToken = default) =>
            DefenderForCloud.GetDefenderPlansAsync(query, filter, sink, cancellationToken);

        /// <summary>Standards, and with <paramref name="includeControls"/> their controls (RegulatoryComplianceStandard and RegulatoryComplianceControl results).</summary>
        public virtual Task GetRegulatoryComplianceAsync(PostureQuery query, bool includeControls, IScopeSink<object> sink, CancellationToken cancellationToken = default) =>
            GetRegulatoryComplianceAsync(query, includeControls, new ComplianceFilter(), sink, cancellationToken);

        /// <summary>
        /// The standards <paramref name="filter"/> keeps, and with <paramref name="includeControls"/> their controls: controls of
        /// a standard left out are not read. An invalid pattern ends the command (RegulatoryCompliance.InvalidPattern) before any request.
        /// </summary>
        public virtual Task GetRegulatoryComplianceAsync(PostureQuery query, bool includeControls, ComplianceFilter filter, IScopeSink<object> sink,
            CancellationToken cancellationToken = default) =>
            DefenderForCloud.GetRegulatoryComplianceAsync(query, includeControls, filter, sink, cancellationToken);

        /// <summary>Always over ARM: Lighthouse assignments are not in securityresources.</summary>
        public virtual Task GetDelegationsAsync(PostureQuery query, IScopeSink<Delegation> sink, CancellationToken cancellationToken = default) =>
            DefenderForCloud.GetDelegationsAsync(query, sink, cancellationToken);

        /// <summary>
        /// Changes alert states (dismiss, activate, resolve, inProgress: 204 and idempotent), in parallel.
        /// The location comes from each alert's id; with <paramref name="reread"/> the alert is read back and returned.
        /// </summary>
        public virtual Task SetAlertStatesAsync(IReadOnlyList<Alert> alerts, AlertState state, bool reread, int maxConcurrency, IScopeSink<Alert> sink, CancellationToken cancellationToken = default) =>
            DefenderForCloud.SetAlertStatesAsync(alerts, state, reread, maxConcurrency, sink, cancellationToken);
    }
}
