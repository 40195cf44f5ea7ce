using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>
    /// One credential per session, tokens per (service, tenant). The managing tenant's tokens serve ARM and Log
    /// Analytics across Lighthouse; Microsoft Graph and Defender for Endpoint need a token in each customer tenant,
    /// which the credential may request only for tenants in its AdditionallyAllowedTenants: exactly the tenants
    /// asked for, never "*". A refused tenant is a <see cref="TokenRequestException"/> for that tenant alone.
    /// Tokens stay in memory, in this object and the credential's cache; nothing here writes them anywhere.
    /// </summary>
    internal sealed class TokenBroker
    {
        /// <summary>A token this close to expiry is requested again rather than handed out.</summary>
        private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

        private readonly ConnectionOptions _options;
        private readonly Func<ConnectionOptions, IReadOnlyCollection<Guid>, TokenCredential> _createCredential;
        private readonly TimeProvider _time;
        private readonly ConcurrentDictionary<(CloudService Service, Guid Tenant), Task<AccessToken>> _tokens = new();
        private readonly object _gate = new object();
        private readonly HashSet<Guid> _allowedTenants;
        private TokenCredential _credential;

        public TokenBroker(ConnectionOptions options, Func<ConnectionOptions, IReadOnlyCollection<Guid>, TokenCredential>? createCredential = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _createCredential = createCredential ?? CredentialFactory.Create;
            _time = options.Time ?? TimeProvider.System;
            _allowedTenants = new HashSet<Guid>(options.AdditionallyAllowedTenants);
            _credential = _createCredential(options, _allowedTenants.ToList());
            ManagingTenantId = options.TenantId;
        }

        /// <summary>The signed-in tenant; known from the options or, after sign-in, from the first token.</summary>
        public Guid? ManagingTenantId { get; set; }

        public CloudEnvironment Environment => _options.Environment;

        /// <summary>For Azure.Core pipelines that authenticate themselves (ARM): forwards to the session's current credential.</summary>
        public TokenCredential Credential => new BrokeredCredential(this);

        /// <summary>The tenants the credential may be asked for besides the managing one.</summary>
        public IReadOnlyCollection<Guid> AllowedTenants
        {
            get { lock (_gate) return _allowedTenants.ToList(); }
        }

        internal TokenCredential CurrentCredential
        {
            get { lock (_gate) return _credential; }
        }

        /// <summary>
        /// Lets the credential request tokens in these tenants (the tenants a command is about to reach). Non-interactive
        /// credentials are rebuilt with the larger list; tokens already held stay valid. Interactive sign-ins keep the
        /// list they were given at Connect-CtAccount, since a new credential would prompt again.
        /// </summary>
        public void AllowTenants(IEnumerable<Guid> tenants)
        {
            lock (_gate)
            {
                var added = tenants.Where(t => t != ManagingTenantId && !_allowedTenants.Contains(t)).ToList();
                if (added.Count == 0 || !CanWiden) return;
                _allowedTenants.UnionWith(added);
                _credential = _createCredential(_options, _allowedTenants.ToList());
            }
        }

        private bool CanWiden => _options.Method is AuthenticationMethod.ClientSecret or AuthenticationMethod.ClientCertificate
            or AuthenticationMethod.FederatedToken or AuthenticationMethod.AzureCli;

        /// <summary>A token for the service in the tenant (the managing tenant when null), cached until shortly before it expires.</summary>
        public async Task<AccessToken> GetTokenAsync(CloudService service, Guid? tenantId, CancellationToken cancellationToken)
        {
            ServiceEndpoint endpoint = _options.Environment.GetEndpoint(service);
            Guid tenant = tenantId ?? ManagingTenantId ?? throw new InvalidOperationException("The managing tenant is not known before sign-in.");
            var key = (service, tenant);
            for (int attempt = 1; ; attempt++)
            {
                Task<AccessToken> pending = _tokens.GetOrAdd(key, _ => RequestAsync(endpoint, tenant, CancellationToken.None));
                AccessToken token;
                try
                {
                    token = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    _tokens.TryRemove(new KeyValuePair<(CloudService, Guid), Task<AccessToken>>(key, pending)); // failures are not kept
                    throw;
                }
                // A token near its end is requested once more; a given token cannot be, and the service will say it expired.
                if (token.ExpiresOn - RefreshMargin > _time.GetUtcNow() || attempt > 1 || _options.Method == AuthenticationMethod.AccessToken) return token;
                _tokens.TryRemove(new KeyValuePair<(CloudService, Guid), Task<AccessToken>>(key, pending));
            }
        }

        private async Task<AccessToken> RequestAsync(ServiceEndpoint endpoint, Guid tenant, CancellationToken cancellationToken)
        {
            bool home = tenant == ManagingTenantId;
            if (_options.Method == AuthenticationMethod.AccessToken) return GivenToken(endpoint.Service, tenant, home);
            if (!home) RequireCrossTenant(endpoint.Service, tenant);

            AccessToken token;
            try
            {
                token = await CurrentCredential.GetTokenAsync(new TokenRequestContext(new[] { endpoint.Scope }, tenantId: tenant.ToString()), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (AuthenticationFailedException e) when (!home)
            {
                throw Refused(endpoint.Service, tenant, e);
            }
            catch (CredentialUnavailableException e) when (!home)
            {
                throw Refused(endpoint.Service, tenant, e);
            }
            if (!home && TokenClaims.TryRead(token.Token)?.TenantId is Guid issuer && issuer != tenant)
                throw new TokenRequestException(endpoint.Service, tenant, ScopeFailureKind.Unauthorized, null,
                    $"A {endpoint.Service} token was requested in tenant {tenant} but issued by tenant {issuer}; it was not used.",
                    "Sign in with a multi-tenant application consented in the customer tenant.");
            return token;
        }

        private void RequireCrossTenant(CloudService service, Guid tenant)
        {
            string? why = _options.Method switch
            {
                AuthenticationMethod.ManagedIdentity => "A managed identity gets tokens only in its own tenant.",
                AuthenticationMethod.InteractiveBrowser or AuthenticationMethod.DeviceCode when !AllowedTenants.Contains(tenant) =>
                    $"This sign-in was not allowed to request tokens in tenant {tenant}.",
                _ => null,
            };
            if (why is null)
            {
                AllowTenants(new[] { tenant });
                return;
            }
            throw new TokenRequestException(service, tenant, ScopeFailureKind.Unauthorized, null, $"No {service} token for tenant {tenant}: {why}",
                _options.Method == AuthenticationMethod.ManagedIdentity
                    ? "Sign in with a multi-tenant application (Connect-CtAccount -ServicePrincipal) that each customer tenant has consented."
                    : $"Connect-CtAccount again with -AdditionalTenantId {tenant}, or sign in with a multi-tenant application.");
        }

        /// <summary>-AccessToken sign-ins: the tokens given, for the signed-in tenant only; a bare token cannot be exchanged for another.</summary>
        private AccessToken GivenToken(CloudService service, Guid tenant, bool home)
        {
            string? given = service switch
            {
                CloudService.ResourceManager => _options.AccessToken,
                CloudService.MicrosoftGraph => _options.MicrosoftGraphAccessToken,
                CloudService.LogAnalytics => _options.LogAnalyticsAccessToken,
                _ => null,
            };
            if (!home || string.IsNullOrEmpty(given))
            {
                string parameter = service switch
                {
                    CloudService.MicrosoftGraph => " -MicrosoftGraphAccessToken",
                    CloudService.LogAnalytics => " -LogAnalyticsAccessToken",
                    _ => string.Empty,
                };
                throw new TokenRequestException(service, tenant, ScopeFailureKind.Unauthorized, null,
                    home ? $"The -AccessToken sign-in has no {service} token." : $"The -AccessToken sign-in cannot get a {service} token for tenant {tenant}: a token cannot be exchanged for another tenant's.",
                    home && parameter.Length > 0 ? $"Connect-CtAccount -AccessToken ...{parameter} <token>." : "Sign in with a multi-tenant application consented in the customer tenant.");
            }
            DateTimeOffset expires = TokenClaims.TryRead(given!)?.ExpiresOn ?? _time.GetUtcNow().AddHours(1);
            if (expires <= _time.GetUtcNow()) throw StaticTokenCredential.Expired(expires);
            return new AccessToken(given!, expires);
        }

        private TokenRequestException Refused(CloudService service, Guid tenant, Exception e)
        {
            string? code = EntraRefusal.CodeIn(Describe(e));
            ScopeFailureKind kind = EntraRefusal.KindOf(code);
            return new TokenRequestException(service, tenant, kind, code,
                $"No {service} token for tenant {tenant}: {Describe(e)}",
                EntraRefusal.RecommendedAction(kind, service, tenant, _options.ClientId, _options.Environment.ActiveDirectoryAuthority), e);
        }

        /// <summary>Azure.Identity's own message is often a prefix; Entra's reason is in the inner MSAL exception.</summary>
        internal static string Describe(Exception exception)
        {
            var parts = new List<string>();
            for (Exception? e = exception; e is not null; e = e.InnerException)
            {
                string text = e.Message.Trim();
                if (text.Length > 0 && !parts.Any(p => p.Contains(text, StringComparison.Ordinal))) parts.Add(text);
            }
            return string.Join(" ", parts);
        }
    }
}
