using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Tenancy;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>Alert ids from outside the session (Import-Csv, Import-Clixml, a thread job) tied back to their reachable subscription.</summary>
    internal sealed class AlertIdResolver
    {
        private readonly TenancyService _tenancy;

        public AlertIdResolver(TenancyService tenancy) => _tenancy = tenancy;

        /// <summary>
        /// Alerts named only by ARM id (from Import-Csv, Import-Clixml or a thread job), tied to their reachable
        /// subscription so a state change can name the customer. Only the session's subscription listing is read.
        /// An id in a subscription not delegated to you fails as NotFound, as a read of that subscription does;
        /// an id that is not an alert's fails as BadRequest.
        /// </summary>
        public async Task<IReadOnlyList<Alert>> ResolveAsync(IReadOnlyCollection<string> alertIds, IScopeSink<Alert> sink,
            CancellationToken cancellationToken = default)
        {
            if (alertIds is null) throw new ArgumentNullException(nameof(alertIds));
            if (sink is null) throw new ArgumentNullException(nameof(sink));

            var reachable = new ForwardingCollector<DelegatedSubscription, Alert>(sink);
            await _tenancy.ListSubscriptionsAsync(new SubscriptionQuery { IncludeHome = true }, reachable, cancellationToken).ConfigureAwait(false);
            var bySubscription = reachable.Items.ToDictionary(s => s.SubscriptionId, StringComparer.OrdinalIgnoreCase);

            var resolved = new List<Alert>();
            foreach (string id in alertIds.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                string? subscriptionId = ArmId.SegmentAfter(id, "subscriptions");
                string? name = ArmId.SegmentAfter(id, "alerts");
                string? location = ArmId.SegmentAfter(id, "locations");
                if (!Guid.TryParse(subscriptionId, out Guid subscriptionGuid) || string.IsNullOrEmpty(name) || string.IsNullOrEmpty(location))
                {
                    sink.OnFailure(new ScopeFailure(id, ScopeFailureKind.BadRequest, 400, "InvalidAlertId",
                        $"'{id}' is not the ARM id of a Defender for Cloud alert (/subscriptions/<id>/providers/Microsoft.Security/locations/<location>/alerts/<name>).",
                        "Pass the Id of an alert as Get-CtAlert returns it.", null, id));
                    continue;
                }
                if (!bySubscription.TryGetValue(subscriptionGuid.ToString("D"), out DelegatedSubscription? subscription))
                {
                    sink.OnFailure(_tenancy.SubscriptionNotReachable(subscriptionGuid.ToString("D"), id));
                    continue;
                }
                resolved.Add(new Alert(SubscriptionRef.From(subscription), name!, null, null, null, null, null, null, location,
                    ArmId.SegmentAfter(id, "resourceGroups"), null, null, null, id));
            }
            return resolved;
        }
    }
}
