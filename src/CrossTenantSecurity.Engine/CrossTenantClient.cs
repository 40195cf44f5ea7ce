using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.ResourceGraph;
using CrossTenantSecurity.Engine.Transport;
using CrossTenantSecurity.Engine.Tenancy;
using CrossTenantSecurity.Engine.Session;

namespace CrossTenantSecurity.Engine
{
    /// <summary>
    /// One signed-in session: one credential and one transport under every service's pipeline, shared by every command and thread.
    /// Public signatures use only Contracts and BCL types so the type can cross the load-context bridge.
    /// </summary>
    public partial class CrossTenantClient
    {
        private readonly ArmGateway _arm = null!;

        /// <summary>For mocking.</summary>
        protected CrossTenantClient()
        {
            Context = null!;
            Tokens = null!;
            _graphQuota = null!;
        }

        internal CrossTenantClient(Context context, ArmGateway arm, TokenBroker tokens)
        {
            Context = context;
            _arm = arm;
            Tokens = tokens;
            _graphQuota = new ResourceGraphQuotaGovernor(arm.Time);
        }

        public Context Context { get; }

        /// <summary>Tokens per (service, tenant) for this session; they never leave the engine.</summary>
        internal TokenBroker Tokens { get; }

        /// <summary>
        /// Signs in to the managing tenant: builds the credential, obtains one ARM token to prove it works,
        /// and describes the sign-in from the token's claims (never storing or logging the token).
        /// </summary>
        public static async Task<CrossTenantClient> ConnectAsync(ConnectionOptions options, CancellationToken cancellationToken = default)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            var tokens = new TokenBroker(options);
            Context context = await SignInAsync(tokens, options, cancellationToken).ConfigureAwait(false);
            return new CrossTenantClient(context, new ArmGateway(new ServiceTransport(options), tokens.Credential, options.Environment), tokens);
        }

        internal static async Task<Context> SignInAsync(TokenBroker tokens, ConnectionOptions options, CancellationToken cancellationToken)
        {
            string scope = options.Environment.ResourceManagerAudience.TrimEnd('/') + "/.default";
            AccessToken token;
            try
            {
                token = await tokens.CurrentCredential.GetTokenAsync(new TokenRequestContext(new[] { scope }, tenantId: options.TenantId?.ToString()), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (CredentialUnavailableException e)
            {
                throw new CrossTenantException("Credential.Unavailable", CrossTenantErrorKind.Authentication,
                    $"The {options.Method} sign-in is not available here: {Describe(e)}", HintFor(options.Method), e);
            }
            catch (AuthenticationFailedException e)
            {
                throw new CrossTenantException("Credential.SignInFailed", CrossTenantErrorKind.Authentication,
                    $"Sign-in to {options.Environment.Name} failed: {Describe(e)}", HintFor(options.Method), e);
            }

            TokenClaims? claims = TokenClaims.TryRead(token.Token);
            Guid? tokenTenant = claims?.TenantId;
            if (options.TenantId is Guid wanted && tokenTenant is Guid actual && wanted != actual)
            {
                throw new CrossTenantException("Credential.TenantMismatch", CrossTenantErrorKind.Authentication,
                    $"The token was issued by tenant {actual}, not the requested managing tenant {wanted}.",
                    "Pass the token's own tenant as -TenantId, or obtain a token from the managing tenant.");
            }
            Guid tenant = options.TenantId ?? tokenTenant ?? throw new CrossTenantException("Context.TenantUnknown", CrossTenantErrorKind.InvalidArgument,
                "The managing tenant could not be read from the token.", "Pass -TenantId.");
            tokens.ManagingTenantId = tenant;
            RequireSameTenant(options.MicrosoftGraphAccessToken, "MicrosoftGraphAccessToken", tenant);
            RequireSameTenant(options.LogAnalyticsAccessToken, "LogAnalyticsAccessToken", tenant);

            string accountType = options.Method == AuthenticationMethod.ManagedIdentity ? "ManagedIdentity"
                : claims?.IsApplication == true || options.Method is AuthenticationMethod.ClientSecret or AuthenticationMethod.ClientCertificate or AuthenticationMethod.FederatedToken
                    ? "ServicePrincipal" : "User";
            string account = claims?.UserName ?? claims?.AppId ?? options.ClientId ?? claims?.ObjectId ?? "unknown";
            return new Context(account, accountType, tenant, options.Environment.Name, options.Method, claims?.ObjectId, token.ExpiresOn);
        }

        private static string Describe(Exception exception) => TokenBroker.Describe(exception);

        /// <summary>A token given beside -AccessToken serves the same signed-in tenant: one from another tenant is refused at once.</summary>
        private static void RequireSameTenant(string? token, string parameter, Guid tenant)
        {
            if (token is null || TokenClaims.TryRead(token)?.TenantId is not Guid issuer || issuer == tenant) return;
            throw new CrossTenantException("Credential.TenantMismatch", CrossTenantErrorKind.Authentication,
                $"The -{parameter} token was issued by tenant {issuer}, not the signed-in tenant {tenant}.",
                $"Pass a -{parameter} token from tenant {tenant}.");
        }

        private static string HintFor(AuthenticationMethod method) => method switch
        {
            AuthenticationMethod.ClientSecret => "Check the application id, secret and tenant id.",
            AuthenticationMethod.ClientCertificate => "Check the application id, certificate and tenant id.",
            AuthenticationMethod.FederatedToken => "Check the federated credential configured on the app registration (issuer, subject, audience).",
            AuthenticationMethod.ManagedIdentity => "Run where a managed identity is assigned (Azure Automation, a VM, a container app).",
            AuthenticationMethod.AzureCli => "Run 'az login' first.",
            AuthenticationMethod.AccessToken => "Obtain a fresh token for Azure Resource Manager.",
            _ => "Try -UseDeviceAuthentication when no browser is available.",
        };

        /// <summary>The signed-in tenant and every tenant related to it, with subscription counts.</summary>
        public virtual async Task ListTenantsAsync(IScopeSink<Tenant> sink, CancellationToken cancellationToken = default)
        {
            if (sink is null) throw new ArgumentNullException(nameof(sink));
            Task<List<TenantRecord>> tenantsTask = ListTenantRecordsAsync(sink, cancellationToken);
            Task<List<SubscriptionRecord>> subscriptionsTask = ListSubscriptionRecordsAsync(sink, cancellationToken);
            List<TenantRecord> tenants = await tenantsTask.ConfigureAwait(false);
            List<SubscriptionRecord> subscriptions = await subscriptionsTask.ConfigureAwait(false);

            var counts = subscriptions.GroupBy(s => s.TenantId ?? Context.TenantId).ToDictionary(g => g.Key, g => g.Count());
            var emitted = new HashSet<Guid>();
            foreach (TenantRecord t in tenants)
            {
                if (!emitted.Add(t.TenantId)) continue;
                sink.OnResult(ToTenant(t, counts));
            }
            // Tenants that own a reachable subscription but that Tenants - List did not return (e.g. guest access).
            foreach (KeyValuePair<Guid, int> count in counts.Where(c => !emitted.Contains(c.Key)))
            {
                sink.OnResult(new Tenant(count.Key, null, null, Array.Empty<string>(), null,
                    count.Key == Context.TenantId ? TenantRelationship.Managing : TenantRelationship.Unknown, count.Value, null, null));
            }
        }

        /// <summary>Subscriptions reachable from the signed-in tenant, classified, named and de-duplicated.</summary>
        public virtual async Task ListSubscriptionsAsync(SubscriptionQuery query, IScopeSink<DelegatedSubscription> sink, CancellationToken cancellationToken = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            if (sink is null) throw new ArgumentNullException(nameof(sink));

            Task<List<TenantRecord>> tenantsTask = ListTenantRecordsAsync(sink, cancellationToken);
            var tenantFilter = new HashSet<Guid>(query.TenantIds);
            var subscriptionFilter = new HashSet<string>(query.SubscriptionIds.Select(NormalizeId), StringComparer.OrdinalIgnoreCase);
            var seenSubscriptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var seenHomeTenants = new HashSet<Guid>();
            Dictionary<Guid, TenantRecord>? tenants = null;

            await foreach (SubscriptionRecord record in SubscriptionRecordsAsync(sink.OnVerbose, cancellationToken).ConfigureAwait(false))
            {
                if (!seenSubscriptions.Add(record.SubscriptionId)) continue;
                Guid home = record.TenantId ?? Context.TenantId;
                seenHomeTenants.Add(home);
                SubscriptionAccessType access = TenantClassifier.ClassifySubscription(home, record.ManagedByTenantIds, Context.TenantId);

                if (subscriptionFilter.Count > 0 && !subscriptionFilter.Contains(record.SubscriptionId)) continue;
                if (tenantFilter.Count > 0 && !tenantFilter.Contains(home)) continue;
                if (subscriptionFilter.Count == 0 && !query.IncludeHome && access != SubscriptionAccessType.Delegated) continue;

                tenants ??= ByTenantId(await tenantsTask.ConfigureAwait(false));
                sink.OnResult(ToDelegatedSubscription(record, tenants));
            }

            // Nothing requested is silently dropped: every id asked for ends as data or as a failure.
            foreach (string missing in subscriptionFilter.Where(id => !seenSubscriptions.Contains(id)))
            {
                sink.OnFailure(SubscriptionNotReachable(missing, missing));
            }
            if (tenantFilter.Count > 0)
            {
                List<TenantRecord> known = await tenantsTask.ConfigureAwait(false);
                foreach (Guid unknown in tenantFilter.Where(t => !seenHomeTenants.Contains(t) && known.All(k => k.TenantId != t)))
                {
                    sink.OnFailure(new ScopeFailure(unknown.ToString(), ScopeFailureKind.NotFound, 404, "TenantNotFound",
                        $"Tenant {unknown} is not related to the signed-in tenant {Context.TenantId}: it has delegated nothing to it.",
                        "Run Get-CtTenant to list the customer tenants you can reach.", null, unknown));
                }
            }
        }

        private async Task<List<TenantRecord>> ListTenantRecordsAsync<T>(IScopeSink<T> sink, CancellationToken cancellationToken)
        {
            try
            {
                return await _arm.Cache.GetOrAddAsync(TenantsCacheKey, () => LoadTenantRecordsAsync(sink.OnVerbose, cancellationToken)).ConfigureAwait(false);
            }
            catch (ArmRequestException e)
            {
                // Tenant names are a nicety; subscriptions still come back without them.
                sink.OnWarning($"Tenant names are unavailable: listing tenants failed ({e.Status} {e.ErrorCode}: {e.Message}).");
                return new List<TenantRecord>();
            }
        }

        private async Task<List<TenantRecord>> LoadTenantRecordsAsync(Action<string> verbose, CancellationToken cancellationToken)
        {
            var result = new List<TenantRecord>();
            await foreach (JsonElement item in _arm.ListAsync($"tenants?api-version={ApiVersions.Resources}", verbose, cancellationToken).ConfigureAwait(false))
            {
                if (TenantRecord.Parse(item) is TenantRecord tenant) result.Add(tenant);
            }
            return result;
        }

        private async Task<List<SubscriptionRecord>> ListSubscriptionRecordsAsync<T>(IScopeSink<T> sink, CancellationToken cancellationToken)
        {
            var result = new List<SubscriptionRecord>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (SubscriptionRecord record in SubscriptionRecordsAsync(sink.OnVerbose, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(record.SubscriptionId)) result.Add(record);
            }
            return result;
        }

        private const string SubscriptionsCacheKey = "subscriptions";
        private const string TenantsCacheKey = "tenants";

        /// <summary>
        /// Subscriptions as ARM lists them, page by page as they arrive; a complete listing is kept for the
        /// session's next commands for a short while (Az keeps it for the whole session).
        /// </summary>
        private async IAsyncEnumerable<SubscriptionRecord> SubscriptionRecordsAsync(Action<string> verbose, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (_arm.Cache.TryGet(SubscriptionsCacheKey, out List<SubscriptionRecord>? cached))
            {
                verbose($"Using the {cached!.Count} subscription(s) listed in the last {SessionCache.DefaultLifetime.TotalMinutes:0} minutes.");
                foreach (SubscriptionRecord record in cached) yield return record;
                yield break;
            }
            var listed = new List<SubscriptionRecord>();
            await foreach (JsonElement item in _arm.ListAsync($"subscriptions?api-version={ApiVersions.Resources}", verbose, cancellationToken).ConfigureAwait(false))
            {
                if (SubscriptionRecord.Parse(item) is not SubscriptionRecord record) continue;
                listed.Add(record);
                yield return record;
            }
            _arm.Cache.Set(SubscriptionsCacheKey, listed);
        }

        private DelegatedSubscription ToDelegatedSubscription(SubscriptionRecord record, IReadOnlyDictionary<Guid, TenantRecord> tenants)
        {
            Guid home = record.TenantId ?? Context.TenantId;
            tenants.TryGetValue(home, out TenantRecord? tenant);
            SubscriptionAccessType access = TenantClassifier.ClassifySubscription(home, record.ManagedByTenantIds, Context.TenantId);
            return new DelegatedSubscription(record.SubscriptionId, record.DisplayName, record.State, home, tenant?.DisplayName,
                Context.TenantId, record.ManagedByTenantIds, access, record.AuthorizationSource, record.Tags);
        }

        private static Dictionary<Guid, TenantRecord> ByTenantId(IEnumerable<TenantRecord> tenants) =>
            tenants.GroupBy(t => t.TenantId).ToDictionary(g => g.Key, g => g.First());

        private Tenant ToTenant(TenantRecord t, IReadOnlyDictionary<Guid, int> counts) =>
            new Tenant(t.TenantId, t.DisplayName, t.DefaultDomain, t.Domains, t.Category,
                TenantClassifier.ClassifyTenant(t.Category, t.TenantId, Context.TenantId),
                counts.TryGetValue(t.TenantId, out int n) ? n : 0, t.CountryCode, t.TenantType);

        private static string NormalizeId(string id) => Guid.TryParse(id, out Guid g) ? g.ToString("D") : id;
    }
}
