using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.Reporting
{
    /// <summary>One bar of a chart: a label and one or more stacked segments.</summary>
    internal sealed record ChartBar(string Label, IReadOnlyList<(double Value, string Series)> Segments, string? Note = null);
}
