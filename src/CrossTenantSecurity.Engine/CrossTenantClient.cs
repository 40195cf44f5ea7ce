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
using CrossTenantSecurity.Engine.Xdr;

namespace CrossTenantSecurity.Engine
{
    /// <summary>
    /// One signed-in session, shared by every command and thread: a thin facade over the engine's services by
    /// concern (Session: tokens; Transport: one transport under every service's pipeline; Tenancy; DefenderForCloud;
    /// ResourceGraph; Snapshot; Xdr). Public signatures use only Contracts and BCL types so the type can cross the
    /// load-context bridge.
    /// </summary>
    public partial class CrossTenantClient
    {
        private readonly ArmGateway _arm = null!;
        private readonly TenancyService _tenancy = null!;
        private readonly XdrTenantService _xdrTenants = null!;

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
            _tenancy = new TenancyService(arm, context.TenantId);
            _xdrTenants = new XdrTenantService(tokens, _tenancy);
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
            Context context = await SignIn.SignInAsync(tokens, options, cancellationToken).ConfigureAwait(false);
            var transport = new ServiceTransport(options);
            return new CrossTenantClient(context, new ArmGateway(transport, tokens.Credential, options.Environment), tokens) { Transport = transport };
        }

        /// <summary>The signed-in tenant and every tenant related to it, with subscription counts.</summary>
        public virtual Task ListTenantsAsync(IScopeSink<Tenant> sink, CancellationToken cancellationToken = default) =>
            _tenancy.ListTenantsAsync(Array.Empty<Guid>(), sink, cancellationToken);

        /// <summary>Only these tenants; each one that is not related to the signed-in tenant is a TenantNotFound failure.</summary>
        public virtual Task ListTenantsAsync(IReadOnlyCollection<Guid> tenantIds, IScopeSink<Tenant> sink, CancellationToken cancellationToken = default) =>
            _tenancy.ListTenantsAsync(tenantIds ?? throw new ArgumentNullException(nameof(tenantIds)), sink, cancellationToken);

        /// <summary>
        /// Customer tenants as Defender XDR reaches them: a Microsoft Graph (and Defender for Endpoint) token per tenant,
        /// with the permissions each carries. A tenant that refuses Graph is one typed failure; the others go on.
        /// </summary>
        public virtual Task GetXdrTenantsAsync(XdrTenantQuery query, IScopeSink<XdrTenant> sink, CancellationToken cancellationToken = default) =>
            _xdrTenants.ListAsync(query ?? throw new ArgumentNullException(nameof(query)), sink ?? throw new ArgumentNullException(nameof(sink)), cancellationToken);

        /// <summary>Subscriptions reachable from the signed-in tenant, classified, named and de-duplicated.</summary>
        public virtual Task ListSubscriptionsAsync(SubscriptionQuery query, IScopeSink<DelegatedSubscription> sink, CancellationToken cancellationToken = default) =>
            _tenancy.ListSubscriptionsAsync(query, sink, cancellationToken);
    }
}
