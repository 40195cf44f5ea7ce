namespace CrossTenantSecurity.Emulator.Identity
{
    /// <summary>The resources the token endpoint issues tokens for.</summary>
    public enum TokenResource
    {
        ResourceManager,
        Graph,
        LogAnalytics,
        DefenderEndpoint,
    }
}
