using System.Collections.Generic;
using CrossTenantSecurity.Emulator.ResourceGraph.Kql;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>One page of a query result, before serialisation.</summary>
    internal sealed record ResourceGraphPage(IReadOnlyList<KqlRow> Rows, long TotalRecords, bool ResultTruncated, string? SkipToken);
}
