using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>An Azure cloud: where ARM and Entra ID live for it.</summary>
    public sealed class CloudEnvironment
    {
        public CloudEnvironment(
            string name,
            Uri resourceManagerUrl,
            Uri activeDirectoryAuthority,
            string resourceManagerAudience,
            Uri? graphUrl,
            bool isBuiltIn)
            : this(name, resourceManagerUrl, activeDirectoryAuthority, resourceManagerAudience, graphUrl,
                isBuiltIn ? EnvironmentSource.BuiltIn : EnvironmentSource.Process)
        {
        }

        /// <summary>
        /// A cloud's endpoints. Each service's audience defaults from its URL (scheme and host); pass one where a
        /// service's tokens are issued for another name, as Defender for Endpoint's are.
        /// </summary>
        public CloudEnvironment(
            string name,
            Uri resourceManagerUrl,
            Uri activeDirectoryAuthority,
            string resourceManagerAudience,
            Uri? graphUrl,
            EnvironmentSource source,
            Uri? logAnalyticsUrl = null,
            Uri? defenderEndpointUrl = null,
            string? graphAudience = null,
            string? logAnalyticsAudience = null,
            string? defenderEndpointAudience = null,
            string? monitorIngestionAudience = null)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An environment needs a name.", nameof(name));
            Name = name;
            ResourceManagerUrl = resourceManagerUrl ?? throw new ArgumentNullException(nameof(resourceManagerUrl));
            ActiveDirectoryAuthority = activeDirectoryAuthority ?? throw new ArgumentNullException(nameof(activeDirectoryAuthority));
            ResourceManagerAudience = string.IsNullOrEmpty(resourceManagerAudience) ? resourceManagerUrl.AbsoluteUri : resourceManagerAudience;
            GraphUrl = graphUrl;
            LogAnalyticsUrl = logAnalyticsUrl;
            DefenderEndpointUrl = defenderEndpointUrl;
            GraphAudience = Audience(graphUrl, graphAudience);
            LogAnalyticsAudience = Audience(logAnalyticsUrl, logAnalyticsAudience);
            DefenderEndpointAudience = Audience(defenderEndpointUrl, defenderEndpointAudience);
            MonitorIngestionAudience = string.IsNullOrEmpty(monitorIngestionAudience) ? DefaultMonitorIngestionAudience : monitorIngestionAudience!.TrimEnd('/');
            Source = source;
        }

        /// <summary>Public Azure's Logs Ingestion audience; custom clouds default to it.</summary>
        public const string DefaultMonitorIngestionAudience = "https://monitor.azure.com";

        public string Name { get; }
        public Uri ResourceManagerUrl { get; }
        public Uri ActiveDirectoryAuthority { get; }
        /// <summary>Token audience for ARM; the scope requested is this value plus "/.default".</summary>
        public string ResourceManagerAudience { get; }
        /// <summary>Microsoft Graph; null where the cloud has none.</summary>
        public Uri? GraphUrl { get; }
        public string? GraphAudience { get; }
        /// <summary>The Log Analytics query API; null where the cloud has none.</summary>
        public Uri? LogAnalyticsUrl { get; }
        public string? LogAnalyticsAudience { get; }
        /// <summary>The Defender for Endpoint API; null where the cloud has none (Azure China).</summary>
        public Uri? DefenderEndpointUrl { get; }
        public string? DefenderEndpointAudience { get; }
        /// <summary>The token audience of the Logs Ingestion API (the data collection endpoint's URL is given per call).</summary>
        public string MonitorIngestionAudience { get; }
        public bool IsBuiltIn => Source == EnvironmentSource.BuiltIn;
        /// <summary>BuiltIn, CurrentUser (saved in the user's configuration folder) or Process.</summary>
        public EnvironmentSource Source { get; }

        /// <summary>The same endpoints, kept somewhere else.</summary>
        public CloudEnvironment WithSource(EnvironmentSource source) =>
            new CloudEnvironment(Name, ResourceManagerUrl, ActiveDirectoryAuthority, ResourceManagerAudience, GraphUrl, source,
                LogAnalyticsUrl, DefenderEndpointUrl, GraphAudience, LogAnalyticsAudience, DefenderEndpointAudience, MonitorIngestionAudience);

        /// <summary>The service's endpoint in this cloud, or null when the cloud does not offer it.</summary>
        public ServiceEndpoint? FindEndpoint(CloudService service) => service switch
        {
            CloudService.ResourceManager => new ServiceEndpoint(service, ResourceManagerUrl, ResourceManagerAudience),
            CloudService.MicrosoftGraph => GraphUrl is null ? null : new ServiceEndpoint(service, GraphUrl, GraphAudience),
            CloudService.LogAnalytics => LogAnalyticsUrl is null ? null : new ServiceEndpoint(service, LogAnalyticsUrl, LogAnalyticsAudience),
            CloudService.DefenderEndpoint => DefenderEndpointUrl is null ? null : new ServiceEndpoint(service, DefenderEndpointUrl, DefenderEndpointAudience),
            // The URL stands in for the per-call data collection endpoint; only the audience is used from it.
            CloudService.MonitorIngestion => new ServiceEndpoint(service, new Uri(MonitorIngestionAudience + "/"), MonitorIngestionAudience),
            _ => null,
        };

        /// <summary>The service's endpoint; a clear error, never a guessed host, when this cloud has none.</summary>
        public ServiceEndpoint GetEndpoint(CloudService service) =>
            FindEndpoint(service) ?? throw new CrossTenantException("Environment.ServiceUnavailable", CrossTenantErrorKind.NotFound,
                $"The {Name} environment has no {service} endpoint.",
                IsBuiltIn
                    ? $"{service} is not offered in {Name}."
                    : $"Add it with Add-CtEnvironment -Name {Name} -{service switch { CloudService.MicrosoftGraph => "GraphUrl", CloudService.LogAnalytics => "LogAnalyticsUrl", _ => "DefenderEndpointUrl" }} <url>.");

        private static string? Audience(Uri? url, string? audience) =>
            url is null ? null : string.IsNullOrEmpty(audience) ? ServiceEndpoint.DefaultAudience(url) : audience!.TrimEnd('/');

        public static CloudEnvironment AzureCloud { get; } = new CloudEnvironment(
            "AzureCloud",
            new Uri("https://management.azure.com/"),
            new Uri("https://login.microsoftonline.com/"),
            "https://management.azure.com/",
            new Uri("https://graph.microsoft.com/"),
            EnvironmentSource.BuiltIn,
            logAnalyticsUrl: new Uri("https://api.loganalytics.io/"),
            defenderEndpointUrl: new Uri("https://api.security.microsoft.com/"),
            defenderEndpointAudience: "https://api.securitycenter.microsoft.com");

        public static CloudEnvironment AzureUSGovernment { get; } = new CloudEnvironment(
            "AzureUSGovernment",
            new Uri("https://management.usgovcloudapi.net/"),
            new Uri("https://login.microsoftonline.us/"),
            "https://management.usgovcloudapi.net/",
            new Uri("https://graph.microsoft.us/"),
            EnvironmentSource.BuiltIn,
            logAnalyticsUrl: new Uri("https://api.loganalytics.us/"),
            // GCC High and DoD; GCC tenants use the commercial AzureCloud endpoints.
            defenderEndpointUrl: new Uri("https://api-gov.securitycenter.microsoft.us/"),
            defenderEndpointAudience: "https://api-gov.securitycenter.microsoft.us",
            monitorIngestionAudience: "https://monitor.azure.us");

        public static CloudEnvironment AzureChinaCloud { get; } = new CloudEnvironment(
            "AzureChinaCloud",
            new Uri("https://management.chinacloudapi.cn/"),
            new Uri("https://login.chinacloudapi.cn/"),
            "https://management.chinacloudapi.cn/",
            new Uri("https://microsoftgraph.chinacloudapi.cn/"),
            EnvironmentSource.BuiltIn,
            // Defender for Endpoint and Graph security are not offered in Azure China (21Vianet).
            logAnalyticsUrl: new Uri("https://api.loganalytics.azure.cn/"),
            monitorIngestionAudience: "https://monitor.azure.cn");

        public static IReadOnlyList<CloudEnvironment> BuiltIn { get; } = new[] { AzureCloud, AzureUSGovernment, AzureChinaCloud };

        public override string ToString() => Name;
    }
}
