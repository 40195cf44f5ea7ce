using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Session;
using CrossTenantSecurity.Engine.Tenancy;

namespace CrossTenantSecurity.Engine.Xdr
{
    /// <summary>
    /// Which customer tenants Defender XDR can reach: one Microsoft Graph token per tenant from the session's one
    /// credential (and one for Defender for Endpoint where the cloud offers it), read for the permissions they carry.
    /// A tenant that refuses Graph is one typed failure (ConsentRequired, AccessBlocked) with the fix; the others go on.
    /// </summary>
    internal sealed class XdrTenantService
    {
        private readonly TokenBroker _tokens;
        private readonly TenancyService _tenancy;

        public XdrTenantService(TokenBroker tokens, TenancyService tenancy)
        {
            _tokens = tokens;
            _tenancy = tenancy;
        }

        public async Task ListAsync(XdrTenantQuery query, IScopeSink<XdrTenant> sink, CancellationToken cancellationToken)
        {
            CloudEnvironment cloud = _tokens.Environment;
            cloud.GetEndpoint(CloudService.MicrosoftGraph); // a cloud without Graph fails the command once, not every tenant
            var listed = new ForwardingCollector<TenantScope, XdrTenant>(sink);
            await _tenancy.ListTenantScopesAsync(query.TenantIds, query.IncludeHome, listed, cancellationToken).ConfigureAwait(false);
            // The credential may ask exactly these tenants for tokens (never "*").
            _tokens.AllowTenants(listed.Items.Select(t => t.TenantId));
            bool defenderOffered = cloud.FindEndpoint(CloudService.DefenderEndpoint) is not null;

            await ScopeFanOut.RunAsync(listed.Items, query.MaxConcurrency, sink,
                async (tenant, ct) => sink.OnResult(await ReadAsync(tenant, defenderOffered, sink, ct).ConfigureAwait(false)),
                (tenant, e, ct) => Task.FromResult(FailureMapper.ToFailure(tenant.TenantId.ToString(), e, tenant.TenantId)),
                cancellationToken).ConfigureAwait(false);
        }

        private async Task<XdrTenant> ReadAsync(TenantScope tenant, bool defenderOffered, IScopeSink<XdrTenant> sink, CancellationToken ct)
        {
            AccessToken graph = await _tokens.GetTokenAsync(CloudService.MicrosoftGraph, tenant.TenantId, ct).ConfigureAwait(false);
            IReadOnlyList<string> graphRoles = TokenClaims.TryRead(graph.Token)?.Roles ?? Array.Empty<string>();
            sink.OnVerbose($"{tenant}: Microsoft Graph token issued with {graphRoles.Count} application permission(s).");

            ServiceAccess defender = ServiceAccess.NotOffered;
            IReadOnlyList<string> defenderRoles = Array.Empty<string>();
            if (defenderOffered)
            {
                try
                {
                    AccessToken token = await _tokens.GetTokenAsync(CloudService.DefenderEndpoint, tenant.TenantId, ct).ConfigureAwait(false);
                    defenderRoles = TokenClaims.TryRead(token.Token)?.Roles ?? Array.Empty<string>();
                    defender = ServiceAccess.Granted;
                }
                catch (TokenRequestException e)
                {
                    defender = e.Kind switch
                    {
                        ScopeFailureKind.ConsentRequired => ServiceAccess.ConsentRequired,
                        ScopeFailureKind.AccessBlocked => ServiceAccess.AccessBlocked,
                        _ => ServiceAccess.Refused,
                    };
                    sink.OnWarning($"{tenant}: Defender for Endpoint gives no token ({e.ErrorCode ?? e.Kind.ToString()}). {e.RecommendedAction}");
                }
            }

            var missing = XdrPermissions.Missing(XdrPermissions.Graph, graphRoles.ToList()).ToList();
            if (defender == ServiceAccess.Granted) missing.AddRange(XdrPermissions.Missing(XdrPermissions.DefenderEndpoint, defenderRoles.ToList()));
            return new XdrTenant(tenant.TenantId, tenant.DisplayName, tenant.DefaultDomain, graphRoles, defender, defenderRoles, missing);
        }
    }
}
