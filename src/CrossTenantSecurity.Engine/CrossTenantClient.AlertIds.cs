using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine
{
    public partial class CrossTenantClient
    {
        /// <summary>
        /// Alerts named only by ARM id, tied to their reachable subscription so a state change can name the customer.
        /// An id in a subscription not delegated to you fails as NotFound, as a read of that subscription does; an id
        /// that is not an alert's fails as BadRequest.
        /// </summary>
        public virtual Task<IReadOnlyList<Alert>> ResolveAlertIdsAsync(IReadOnlyCollection<string> alertIds, IScopeSink<Alert> sink,
            CancellationToken cancellationToken = default) =>
            new AlertIdResolver(_tenancy).ResolveAsync(alertIds, sink, cancellationToken);
    }
}
