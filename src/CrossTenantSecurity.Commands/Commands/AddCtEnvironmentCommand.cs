using System;
using System.IO;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Environments;
using CrossTenantSecurity.Commands.Infrastructure;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Adds (or replaces) a custom cloud: Azure Stack Hub, a sovereign cloud, or the emulator. Saved for the
    /// current user by default (every later session sees it); -Scope Process keeps it in this process only.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CtEnvironment", HelpUri = HelpUris.Prefix + "Add-CtEnvironment.md")]
    [OutputType(typeof(CloudEnvironment))]
    public sealed class AddCtEnvironmentCommand : CtCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ResourceManagerEndpoint", "ARMEndpoint")]
        public Uri ResourceManagerUrl { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActiveDirectoryEndpoint")]
        public Uri ActiveDirectoryAuthority { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ActiveDirectoryServiceEndpointResourceId")]
        public string? ResourceManagerAudience { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("MicrosoftGraphEndpoint")]
        public Uri? GraphUrl { get; set; }

        /// <summary>Token audience for Microsoft Graph when it is not the URL's scheme and host.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("MicrosoftGraphUrl")]
        public string? GraphAudience { get; set; }

        /// <summary>The Log Analytics query API (Sentinel KQL).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AzureOperationalInsightsEndpoint")]
        public Uri? LogAnalyticsUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AzureOperationalInsightsEndpointResourceId")]
        public string? LogAnalyticsAudience { get; set; }

        /// <summary>The Defender for Endpoint API (devices, vulnerabilities).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? DefenderEndpointUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DefenderEndpointAudience { get; set; }

        /// <summary>Token audience of the Logs Ingestion API (default https://monitor.azure.com); its URL is the DCE given to Save-CtPostureSnapshot.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? MonitorIngestionAudience { get; set; }

        /// <summary>CurrentUser (default) saves to the user's configuration folder; Process keeps it in this process.</summary>
        [Parameter]
        [ValidateSet(nameof(EnvironmentSource.CurrentUser), nameof(EnvironmentSource.Process))]
        public string Scope { get; set; } = nameof(EnvironmentSource.CurrentUser);

        internal override string ErrorNoun => "Environment";

        protected override void ProcessRecord()
        {
            if (EnvironmentCatalog.IsBuiltIn(Name)) ThrowTerminatingError(EnvironmentErrors.BuiltIn(Name, "replaced"));
            RequireHttps(ResourceManagerUrl, nameof(ResourceManagerUrl));
            RequireHttps(ActiveDirectoryAuthority, nameof(ActiveDirectoryAuthority));
            if (GraphUrl is not null) RequireHttps(GraphUrl, nameof(GraphUrl));
            if (LogAnalyticsUrl is not null) RequireHttps(LogAnalyticsUrl, nameof(LogAnalyticsUrl));
            if (DefenderEndpointUrl is not null) RequireHttps(DefenderEndpointUrl, nameof(DefenderEndpointUrl));

            var source = (EnvironmentSource)Enum.Parse(typeof(EnvironmentSource), Scope, ignoreCase: true);
            var environment = new CloudEnvironment(Name, WithSlash(ResourceManagerUrl), WithSlash(ActiveDirectoryAuthority),
                ResourceManagerAudience ?? string.Empty, WithSlash(GraphUrl), source, WithSlash(LogAnalyticsUrl), WithSlash(DefenderEndpointUrl),
                GraphAudience, LogAnalyticsAudience, DefenderEndpointAudience, MonitorIngestionAudience);
            try
            {
                EnvironmentCatalog.Add(environment, WriteWarning);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(EnvironmentErrors.SaveFailed(Name, e));
            }
            if (source == EnvironmentSource.CurrentUser) WriteVerbose($"Saved '{Name}' in {EnvironmentCatalog.UserFilePath}.");
            WriteObject(environment);
        }

        private void RequireHttps(Uri uri, string parameterName)
        {
            if (uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps) return;
            ThrowTerminatingError(ErrorRecordFactory.Create(
                new ArgumentException($"-{parameterName} '{uri}' must be an absolute https URL: tokens are never sent over plain http.", parameterName),
                "Environment.InsecureUrl", ErrorCategory.InvalidArgument, uri,
                "Use https; for a local emulator, trust its certificate through the platform store (SSL_CERT_FILE on Linux)."));
        }

        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(uri))]
        private static Uri? WithSlash(Uri? uri) => uri is null || uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
