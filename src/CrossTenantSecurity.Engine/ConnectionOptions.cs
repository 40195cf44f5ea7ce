using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine
{
    /// <summary>
    /// Everything needed to sign in, in Azure-free types so it can cross the load-context bridge.
    /// Secrets are held only as long as the credential needs them and are never logged.
    /// </summary>
    public sealed class ConnectionOptions
    {
        public AuthenticationMethod Method { get; set; } = AuthenticationMethod.InteractiveBrowser;
        public CloudEnvironment Environment { get; set; } = CloudEnvironment.AzureCloud;
        /// <summary>The managing tenant. Required for service principals; otherwise taken from the token.</summary>
        public Guid? TenantId { get; set; }
        /// <summary>Application (client) id of a service principal, or a user-assigned managed identity's client id.</summary>
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        public string? CertificatePath { get; set; }
        public string? CertificatePassword { get; set; }
        public string? CertificateThumbprint { get; set; }
        /// <summary>An OIDC token from a CI system, exchanged for an Entra token (workload identity federation).</summary>
        public string? FederatedToken { get; set; }
        /// <summary>A bearer token for ARM that the caller already has.</summary>
        public string? AccessToken { get; set; }
        /// <summary>With <see cref="AccessToken"/>: a Microsoft Graph token for the same tenant (a bare token cannot be exchanged).</summary>
        public string? MicrosoftGraphAccessToken { get; set; }
        /// <summary>With <see cref="AccessToken"/>: a Log Analytics token for the same tenant.</summary>
        public string? LogAnalyticsAccessToken { get; set; }
        /// <summary>
        /// Customer tenants the credential may request tokens in (Microsoft Graph, Defender for Endpoint) from the start.
        /// Service principals also widen the list to each tenant a command reaches; interactive sign-ins cannot without a new prompt.
        /// </summary>
        public IList<Guid> AdditionallyAllowedTenants { get; set; } = new List<Guid>();
        /// <summary>For user-assigned managed identities given by resource id rather than client id.</summary>
        public string? ManagedIdentityResourceId { get; set; }
        /// <summary>Device-code prompts go here (the message, never a token).</summary>
        public Action<string>? DeviceCodePrompt { get; set; }
        public int MaxRetries { get; set; } = 3;
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);
        public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
        /// <summary>Send another GET for a read that is later than this session's tail for its kind (see ReadHedging for the budget).</summary>
        public bool HedgeReads { get; set; } = true;
        /// <summary>The clock for token lifetimes, caches and waits; tests pass a manual one.</summary>
        public TimeProvider? Time { get; set; }
    }
}
