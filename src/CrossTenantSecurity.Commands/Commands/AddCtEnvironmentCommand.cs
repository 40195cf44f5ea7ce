using System;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Adds (or replaces) a custom cloud: Azure Stack Hub, a sovereign cloud, or the emulator.</summary>
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

        internal override string ErrorNoun => "Environment";

        protected override void ProcessRecord()
        {
            foreach (CloudEnvironment builtIn in CloudEnvironment.BuiltIn)
            {
                if (string.Equals(builtIn.Name, Name, StringComparison.OrdinalIgnoreCase))
                {
                    ThrowTerminatingError(ErrorRecordFactory.Create(
                        new ArgumentException($"'{Name}' is a built-in environment and cannot be replaced.", nameof(Name)),
                        "Environment.BuiltIn", ErrorCategory.InvalidArgument, Name, "Choose another name for the custom environment."));
                }
            }
            RequireHttps(ResourceManagerUrl, nameof(ResourceManagerUrl));
            RequireHttps(ActiveDirectoryAuthority, nameof(ActiveDirectoryAuthority));
            if (GraphUrl is not null) RequireHttps(GraphUrl, nameof(GraphUrl));

            var environment = new CloudEnvironment(Name, WithSlash(ResourceManagerUrl), WithSlash(ActiveDirectoryAuthority),
                ResourceManagerAudience ?? string.Empty, GraphUrl is null ? null : WithSlash(GraphUrl), isBuiltIn: false);
            Session.Environments[Name] = environment;
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

        private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
