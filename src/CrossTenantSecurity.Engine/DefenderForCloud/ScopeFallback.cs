using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Transport;
using CrossTenantSecurity.Engine.Tenancy;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// Lists a collection that exists at subscription and resource-group scope. When the subscription-level
    /// list is forbidden but resource groups are visible (a resource-group-only Lighthouse delegation), it
    /// reads each visible group instead and says so, rather than losing the customer's data.
    /// </summary>
    internal static class ScopeFallback
    {
        public static async Task ListAsync<T>(ArmGateway arm, SubscriptionRef s, Func<string, string> pathForScope, IScopeSink<T> sink,
            Action<ListPage> onPage, CancellationToken ct)
        {
            string subscriptionScope = $"subscriptions/{s.SubscriptionId}";
            try
            {
                await foreach (ListPage page in arm.ListPagesAsync(pathForScope(subscriptionScope), sink.OnVerbose, ct).ConfigureAwait(false)) onPage(page);
                return;
            }
            catch (ArmRequestException e) when (e.Status == 403)
            {
                List<string> groups = await ResourceGroups.ListAsync(arm, s.SubscriptionId, sink.OnVerbose, ct).ConfigureAwait(false);
                if (groups.Count == 0) throw;
                int readable = 0;
                foreach (string group in groups)
                {
                    try
                    {
                        await foreach (ListPage page in arm.ListPagesAsync(pathForScope($"{subscriptionScope}/resourceGroups/{Uri.EscapeDataString(group)}"), sink.OnVerbose, ct).ConfigureAwait(false))
                            onPage(page);
                        readable++;
                    }
                    catch (ArmRequestException inner) when (inner.Status == 403)
                    {
                        sink.OnVerbose($"{s.SubscriptionName}/{group}: not readable ({inner.ErrorCode}).");
                    }
                }
                if (readable == 0) throw;
                sink.OnWarning($"{s.SubscriptionName} ({s.SubscriptionId}) of {s.TenantName ?? s.TenantId.ToString()} is delegated only at resource-group level; results cover {string.Join(", ", groups)} only.");
            }
        }
    }
}
