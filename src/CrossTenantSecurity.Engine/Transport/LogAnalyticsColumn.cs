namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>A column of a Log Analytics result table: its name and Kusto type (string, long, real, datetime, dynamic...).</summary>
    internal sealed record LogAnalyticsColumn(string Name, string Type);
}
