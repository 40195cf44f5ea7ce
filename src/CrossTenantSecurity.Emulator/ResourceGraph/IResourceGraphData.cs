using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using CrossTenantSecurity.Emulator.Arm;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>
    /// Where Resource Graph rows come from. The estate implements it; the query engine only filters,
    /// projects, sorts and pages what it is given.
    /// </summary>
    internal interface IResourceGraphData
    {
        /// <summary>Subscriptions the caller may query, ascending. Tenant-scope queries cover these (capped at 10,000 by the endpoint).</summary>
        IReadOnlyList<Guid> QueryableSubscriptions(ArmCaller caller);

        /// <summary>
        /// Rows of a table ("securityresources", "resourcecontainers") in the given subscriptions that the
        /// caller may see, in ascending order of their "id". Every row carries id, name, type, tenantId,
        /// subscriptionId, resourceGroup, location and properties. Rows are produced lazily: do not
        /// materialise a whole large estate.
        /// </summary>
        IEnumerable<JsonObject> Rows(string table, ArmCaller caller, IReadOnlyList<Guid> subscriptions);

        /// <summary>
        /// The rows of one subscription that come after the row whose id is afterId, so that a page can resume
        /// without re-reading earlier rows. The default re-reads the subscription and skips; an estate that can
        /// seek should override it.
        /// </summary>
        IEnumerable<JsonObject> RowsAfter(string table, ArmCaller caller, Guid subscription, string afterId)
        {
            bool passed = false;
            foreach (JsonObject row in Rows(table, caller, new[] { subscription }))
            {
                string id = (row["id"] as JsonValue)?.ToString() ?? string.Empty;
                if (!passed)
                {
                    // Passed the anchor, or the anchor row has gone and this row sorts after it.
                    if (id == afterId) { passed = true; continue; }
                    if (string.CompareOrdinal(id, afterId) <= 0) continue;
                    passed = true;
                }
                yield return row;
            }
        }
    }
}
