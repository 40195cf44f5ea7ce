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

        public CloudEnvironment(
            string name,
            Uri resourceManagerUrl,
            Uri activeDirectoryAuthority,
            string resourceManagerAudience,
            Uri? graphUrl,
            EnvironmentSource source)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An environment needs a name.", nameof(name));
            Name = name;
            ResourceManagerUrl = resourceManagerUrl ?? throw new ArgumentNullException(nameof(resourceManagerUrl));
            ActiveDirectoryAuthority = activeDirectoryAuthority ?? throw new ArgumentNullException(nameof(activeDirectoryAuthority));
            ResourceManagerAudience = string.IsNullOrEmpty(resourceManagerAudience) ? resourceManagerUrl.AbsoluteUri : resourceManagerAudience;
            GraphUrl = graphUrl;
            Source = source;
        }

        public string Name { get; }
        public Uri ResourceManagerUrl { get; }
        public Uri ActiveDirectoryAuthority { get; }
        /// <summary>Token audience for ARM; the scope requested is this value plus "/.default".</summary>
        public string ResourceManagerAudience { get; }
        public Uri? GraphUrl { get; }
        public bool IsBuiltIn => Source == EnvironmentSource.BuiltIn;
        /// <summary>BuiltIn, CurrentUser (saved in the user's configuration folder) or Process.</summary>
        public EnvironmentSource Source { get; }

        /// <summary>The same endpoints, kept somewhere else.</summary>
        public CloudEnvironment WithSource(EnvironmentSource source) =>
            new CloudEnvironment(Name, ResourceManagerUrl, ActiveDirectoryAuthority, ResourceManagerAudience, GraphUrl, source);

        public static CloudEnvironment AzureCloud { get; } = new CloudEnvironment(
            "AzureCloud",
            new Uri("https://management.azure.com/"),
            new Uri("https://login.microsoftonline.com/"),
            "https://management.azure.com/",
            new Uri("https://graph.microsoft.com/"),
            isBuiltIn: true);

        public static CloudEnvironment AzureUSGovernment { get; } = new CloudEnvironment(
            "AzureUSGovernment",
            new Uri("https://management.usgovcloudapi.net/"),
            new Uri("https://login.microsoftonline.us/"),
            "https://management.usgovcloudapi.net/",
            new Uri("https://graph.microsoft.us/"),
            isBuiltIn: true);

        public static CloudEnvironment AzureChinaCloud { get; } = new CloudEnvironment(
            "AzureChinaCloud",
            new Uri("https://management.chinacloudapi.cn/"),
            new Uri("https://login.chinacloudapi.cn/"),
            "https://management.chinacloudapi.cn/",
            new Uri("https://microsoftgraph.chinacloudapi.cn/"),
            isBuiltIn: true);

        public static IReadOnlyList<CloudEnvironment> BuiltIn { get; } = new[] { AzureCloud, AzureUSGovernment, AzureChinaCloud };

        public override string ToString() => Name;
    }
}
