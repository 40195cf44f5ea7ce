using System.Collections.Generic;

namespace CrossTenantSecurity.Commands.Environments
{
    internal sealed class SavedEnvironment
    {
        public string? Name { get; set; }
        public string? ResourceManagerUrl { get; set; }
        public string? ActiveDirectoryAuthority { get; set; }
        public string? ResourceManagerAudience { get; set; }
        public string? GraphUrl { get; set; }
        public string? GraphAudience { get; set; }
        public string? LogAnalyticsUrl { get; set; }
        public string? LogAnalyticsAudience { get; set; }
        public string? DefenderEndpointUrl { get; set; }
        public string? DefenderEndpointAudience { get; set; }
        public string? MonitorIngestionAudience { get; set; }
    }
}
