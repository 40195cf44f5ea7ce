using System;
using System.Collections.Generic;
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
    }
}
