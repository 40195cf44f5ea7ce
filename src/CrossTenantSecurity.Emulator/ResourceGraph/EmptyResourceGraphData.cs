using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using CrossTenantSecurity.Emulator.Arm;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>Served while the estate provides no Resource Graph rows: every query answers with no data.</summary>
    internal sealed class EmptyResourceGraphData : IResourceGraphData
    {
        public static readonly EmptyResourceGraphData Instance = new();

        public IReadOnlyList<Guid> QueryableSubscriptions(ArmCaller caller) => Array.Empty<Guid>();

        public IEnumerable<JsonObject> Rows(string table, ArmCaller caller, IReadOnlyList<Guid> subscriptions) => Enumerable.Empty<JsonObject>();
    }
}
