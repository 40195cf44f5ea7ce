namespace CrossTenantSecurity.Emulator.Identity
{
    /// <summary>The resources the token endpoint issues tokens for.</summary>
    public enum TokenResource
    {
        ResourceManager,
        Graph,
        LogAnalytics,
        DefenderEndpoint,
        /// <summary>The Azure Monitor Logs Ingestion API (data collection endpoints).</summary>
        MonitorIngestion,
    }
}
