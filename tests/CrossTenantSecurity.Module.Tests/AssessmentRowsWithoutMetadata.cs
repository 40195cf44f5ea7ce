using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using CrossTenantSecurity.Emulator.Arm;
using CrossTenantSecurity.Emulator.ResourceGraph;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>
    /// The estate's Resource Graph rows with properties.metadata taken off every assessment: the shape of the items in
    /// Microsoft's own Assessments_List example, which come without it.
    /// </summary>
    internal sealed class AssessmentRowsWithoutMetadata : IResourceGraphData
    {
        private readonly IResourceGraphData _estate;

        public AssessmentRowsWithoutMetadata(IResourceGraphData estate) => _estate = estate;

        public IReadOnlyList<Guid> QueryableSubscriptions(ArmCaller caller) => _estate.QueryableSubscriptions(caller);

        public IEnumerable<JsonObject> Rows(string table, ArmCaller caller, IReadOnlyList<Guid> subscriptions) =>
            _estate.Rows(table, caller, subscriptions).Select(WithoutMetadata);

        public IEnumerable<JsonObject> RowsAfter(string table, ArmCaller caller, Guid subscription, string afterId) =>
            _estate.RowsAfter(table, caller, subscription, afterId).Select(WithoutMetadata);

        private static JsonObject WithoutMetadata(JsonObject row)
        {
            if (!string.Equals((string?)row["type"], "microsoft.security/assessments", StringComparison.OrdinalIgnoreCase)) return row;
            JsonObject copy = row.DeepClone().AsObject();
            (copy["properties"] as JsonObject)?.Remove("metadata");
            return copy;
        }
    }
}
