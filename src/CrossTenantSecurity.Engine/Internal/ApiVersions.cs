namespace CrossTenantSecurity.Engine.Internal
{
    /// <summary>The api-version of every REST operation we call, one table for the whole engine.</summary>
    internal static class ApiVersions
    {
        /// <summary>Subscriptions and Tenants. Versions before 2019-06-01 lack managedByTenants and tenantId.</summary>
        public const string Resources = "2022-12-01";
    }
}
