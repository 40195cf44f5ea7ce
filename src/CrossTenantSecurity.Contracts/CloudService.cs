namespace CrossTenantSecurity
{
    /// <summary>A service the module asks tokens for; each has its own endpoint and token audience per cloud.</summary>
    public enum CloudService : long
    {
        /// <summary>Azure Resource Manager (Defender for Cloud, Lighthouse, Resource Graph, Sentinel's ARM API).</summary>
        ResourceManager = 0,
        /// <summary>Microsoft Graph (Defender XDR incidents, alerts and hunting; a token per customer tenant).</summary>
        MicrosoftGraph,
        /// <summary>The Log Analytics query API (Sentinel KQL across delegated workspaces).</summary>
        LogAnalytics,
        /// <summary>The Defender for Endpoint API (devices and vulnerabilities; a token per customer tenant).</summary>
        DefenderEndpoint,
        /// <summary>
        /// The Azure Monitor Logs Ingestion API (posture history to a custom table). Its URL is the data collection
        /// endpoint given per call; the environment gives only the token audience.
        /// </summary>
        MonitorIngestion,
    }
}
