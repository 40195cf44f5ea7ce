using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Environments;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Signs in once to the managing tenant. Every later command uses this one credential and ARM client
    /// to reach all delegated customers. Tokens are never written to any stream.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CtAccount", DefaultParameterSetName = ParameterSets.UserInteractive, HelpUri = HelpUris.Prefix + "Connect-CtAccount.md")]
    [OutputType(typeof(Context))]
    public sealed class ConnectCtAccountCommand : CtCmdlet
    {
        [Parameter(ParameterSetName = ParameterSets.UserInteractive)]
        [Parameter(ParameterSetName = ParameterSets.UserDeviceCode)]
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [Parameter(ParameterSetName = ParameterSets.AzureCli)]
        [Parameter(ParameterSetName = ParameterSets.ManagedIdentity)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ServicePrincipalSecret)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ServicePrincipalCertificateFile)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ServicePrincipalCertificateThumbprint)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.FederatedToken)]
        [Alias("Tenant")]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        public string Environment { get; set; } = "AzureCloud";

        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.UserDeviceCode)]
        [Alias("DeviceCode")]
        public SwitchParameter UseDeviceAuthentication { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ServicePrincipalSecret)]
        [Parameter(ParameterSetName = ParameterSets.ServicePrincipalCertificateFile)]
        [Parameter(ParameterSetName = ParameterSets.ServicePrincipalCertificateThumbprint)]
        public SwitchParameter ServicePrincipal { get; set; }

        /// <summary>Application id as user name, client secret as password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ServicePrincipalSecret)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ServicePrincipalCertificateFile)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ServicePrincipalCertificateThumbprint)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.FederatedToken)]
        [Parameter(ParameterSetName = ParameterSets.UserInteractive)]
        [Parameter(ParameterSetName = ParameterSets.UserDeviceCode)]
        [Alias("ClientId", "AppId")]
        [ValidateNotNullOrEmpty]
        public string? ApplicationId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ServicePrincipalCertificateFile)]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        [Parameter(ParameterSetName = ParameterSets.ServicePrincipalCertificateFile)]
        public SecureString? CertificatePassword { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ServicePrincipalCertificateThumbprint)]
        [ValidateNotNullOrEmpty]
        public string? CertificateThumbprint { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ManagedIdentity)]
        [Alias("ManagedService", "MSI")]
        public SwitchParameter Identity { get; set; }

        /// <summary>Client id (or resource id) of a user-assigned managed identity; the account name for -AccessToken.</summary>
        [Parameter(ParameterSetName = ParameterSets.ManagedIdentity)]
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [ValidateNotNullOrEmpty]
        public string? AccountId { get; set; }

        /// <summary>The OIDC token issued by the pipeline (GitHub Actions, Azure DevOps, GitLab).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.FederatedToken)]
        [SecretTransformation]
        [ValidateNotNullOrEmpty]
        public string? FederatedToken { get; set; }

        /// <summary>An ARM bearer token, as a string or SecureString.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.AccessToken)]
        [SecretTransformation]
        [ValidateNotNullOrEmpty]
        public string? AccessToken { get; set; }

        /// <summary>With -AccessToken: a Microsoft Graph token for the same tenant, as Connect-AzAccount takes it.</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [SecretTransformation]
        [ValidateNotNullOrEmpty]
        public string? MicrosoftGraphAccessToken { get; set; }

        /// <summary>With -AccessToken: a Log Analytics token for the same tenant (Sentinel queries).</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [SecretTransformation]
        [ValidateNotNullOrEmpty]
        public string? LogAnalyticsAccessToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.AzureCli)]
        public SwitchParameter UseAzureCli { get; set; }

        /// <summary>
        /// Customer tenants this sign-in may get Microsoft Graph and Defender for Endpoint tokens in. Service principals
        /// also reach each tenant a command names; a browser or device-code sign-in reaches only these.
        /// </summary>
        [Parameter]
        [Alias("AdditionallyAllowedTenant")]
        [ArgumentCompleter(typeof(TenantIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? AdditionalTenantId { get; set; }

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 3;

        /// <summary>Seconds one try of a request may take before it is abandoned and retried.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int NetworkTimeout { get; set; } = 100;

        /// <summary>Runspace (default): this runspace only. Process: every runspace of the process without a sign-in of its own.</summary>
        [Parameter]
        public ContextScope Scope { get; set; } = ContextScope.Runspace;

        /// <summary>Never send a second GET for a late read; every read is sent exactly once (retries aside).</summary>
        [Parameter]
        public SwitchParameter DisableReadHedging { get; set; }

        internal override string ErrorNoun => "Account";

        protected override void EndProcessing()
        {
            ConnectionOptions options = BuildOptions();
            CrossTenantClient? connected = null;
            RunStreaming<Context>(async (sink, token) =>
            {
                options.DeviceCodePrompt = sink.OnWarning;
                connected = await CrossTenantClient.ConnectAsync(options, token).ConfigureAwait(false);
                sink.OnVerbose($"Signed in to tenant {connected.Context.TenantId} in {connected.Context.Environment} as {connected.Context.Account} ({connected.Context.AuthenticationMethod}).");
            });
            if (connected is null) return;
            // The session switches before the context is written: a downstream Select-Object -First 1 stops this
            // command at its first output, and the new sign-in must already be the one in use by then.
            if (Scope == ContextScope.Process)
            {
                SessionRegistry.ProcessClient = connected;
                Session.RunspaceClient = null; // so this runspace uses the sign-in it just shared
                WriteVerbose("The sign-in is shared with every runspace of this process that has none of its own (ForEach-Object -Parallel, Start-ThreadJob).");
            }
            else
            {
                Session.RunspaceClient = connected;
            }
            WriteObject(connected.Context);
        }

        internal ConnectionOptions BuildOptions()
        {
            IReadOnlyList<CloudEnvironment> known = EnvironmentCatalog.List(WriteWarning);
            CloudEnvironment? cloud = EnvironmentCatalog.Named(known, Environment);
            if (cloud is null) ThrowTerminatingError(EnvironmentErrors.NotFound(Environment, known));

            Guid? tenant = null;
            if (TenantId is not null)
            {
                if (!IdArguments.TryParse(TenantId, out Guid parsed))
                    ThrowTerminatingError(IdArguments.InvalidGuid(ErrorNoun, nameof(TenantId), TenantId));
                tenant = parsed;
            }

            var additional = new List<Guid>();
            foreach (string id in AdditionalTenantId ?? Array.Empty<string>())
            {
                if (!IdArguments.TryParse(id, out Guid parsed)) ThrowTerminatingError(IdArguments.InvalidGuid(ErrorNoun, nameof(AdditionalTenantId), id));
                additional.Add(parsed);
            }

            var options = new ConnectionOptions
            {
                AdditionallyAllowedTenants = additional,
                Environment = cloud!, TenantId = tenant, ClientId = ApplicationId, MaxRetries = MaxRetries, NetworkTimeout = TimeSpan.FromSeconds(NetworkTimeout),
                HedgeReads = !DisableReadHedging.IsPresent,
            };
            switch (ParameterSetName)
            {
                case ParameterSets.UserDeviceCode:
                    options.Method = AuthenticationMethod.DeviceCode;
                    break;
                case ParameterSets.ServicePrincipalSecret:
                    options.Method = AuthenticationMethod.ClientSecret;
                    options.ClientId = Credential.UserName;
                    options.ClientSecret = SecretTransformationAttribute.Reveal(Credential.Password);
                    break;
                case ParameterSets.ServicePrincipalCertificateFile:
                    options.Method = AuthenticationMethod.ClientCertificate;
                    options.CertificatePath = GetUnresolvedProviderPathFromPSPath(CertificatePath);
                    options.CertificatePassword = CertificatePassword is null ? null : SecretTransformationAttribute.Reveal(CertificatePassword);
                    break;
                case ParameterSets.ServicePrincipalCertificateThumbprint:
                    options.Method = AuthenticationMethod.ClientCertificate;
                    options.CertificateThumbprint = CertificateThumbprint;
                    break;
                case ParameterSets.ManagedIdentity:
                    options.Method = AuthenticationMethod.ManagedIdentity;
                    if (AccountId is { } id && id.StartsWith("/", StringComparison.Ordinal)) options.ManagedIdentityResourceId = id;
                    else options.ClientId = AccountId;
                    break;
                case ParameterSets.FederatedToken:
                    options.Method = AuthenticationMethod.FederatedToken;
                    options.FederatedToken = FederatedToken;
                    break;
                case ParameterSets.AccessToken:
                    options.Method = AuthenticationMethod.AccessToken;
                    options.AccessToken = AccessToken;
                    options.MicrosoftGraphAccessToken = MicrosoftGraphAccessToken;
                    options.LogAnalyticsAccessToken = LogAnalyticsAccessToken;
                    options.ClientId = AccountId;
                    break;
                case ParameterSets.AzureCli:
                    options.Method = AuthenticationMethod.AzureCli;
                    break;
                default:
                    options.Method = AuthenticationMethod.InteractiveBrowser;
                    break;
            }
            return options;
        }
    }
}
