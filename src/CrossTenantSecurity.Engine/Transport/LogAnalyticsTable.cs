using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>One table of a Log Analytics answer; each row holds one value per column, typed by <see cref="LogAnalyticsValue"/>.</summary>
    internal sealed record LogAnalyticsTable(string Name, IReadOnlyList<LogAnalyticsColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);
}
