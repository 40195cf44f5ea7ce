namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>Public client application ids used for user sign-in when the caller gives none.</summary>
    internal static class KnownClients
    {
        /// <summary>The first-party "Microsoft Azure PowerShell" public client, pre-consented for ARM in every tenant.</summary>
        public const string AzurePowerShell = "1950a258-227b-4e31-a9cf-717495945fc2";
    }
}
