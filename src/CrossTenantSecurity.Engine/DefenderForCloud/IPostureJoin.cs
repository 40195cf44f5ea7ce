using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// Completes items a list returns without a part that another per-subscription list holds, keyed by the item's
    /// name (assessments without inline metadata). The lookup is read only when an item lacks the part.
    /// </summary>
    internal interface IPostureJoin
    {
        bool Lacks(JsonElement item);

        /// <summary>The subscription's lookup, keyed by item name; concurrent and later callers of the session share one read.</summary>
        Task<IReadOnlyDictionary<string, JsonElement>> LoadAsync(ArmGateway arm, SubscriptionRef subscription, Action<string> verbose, CancellationToken cancellationToken);

        /// <summary>The item with its part from the lookup; the item unchanged when the lookup has no entry for it.</summary>
        JsonElement Complete(JsonElement item, IReadOnlyDictionary<string, JsonElement> lookup);

        /// <summary>The warning when the lookup cannot be read: the items are still returned, without the part.</summary>
        string DescribeFailure(SubscriptionRef subscription, Exception exception);
    }
}
