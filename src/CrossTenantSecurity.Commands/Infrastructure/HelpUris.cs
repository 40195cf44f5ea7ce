namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>Where Get-Help -Online goes: each cmdlet's markdown page in the repository (its HelpUri).</summary>
    internal static class HelpUris
    {
        public const string Prefix = "https://github.com/crosstenantsecurity/CrossTenantSecurity/blob/main/docs/en-US/";
    }
}
