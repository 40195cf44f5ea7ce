using System;
using System.Linq;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrossTenantSecurity.Emulator.Identity
{
    /// <summary>
    /// The Entra ID endpoints MSAL needs for client credentials: the v2.0 token endpoint, OpenID metadata
    /// and instance discovery. Tokens for ARM, Graph, Log Analytics and Defender for Endpoint, in an app's
    /// home tenant and in the customer tenants that consented to it (ConsentRegistry). Errors use Entra's
    /// body shape and AADSTS codes (EntraError).
    /// </summary>
    internal static class TokenEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime)
        {
            app.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant, HttpContext context) => IssueAsync(tenant, context, runtime));
            app.MapPost("/{tenant}/oauth2/token", (string tenant, HttpContext context) => IssueAsync(tenant, context, runtime));
            app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant, HttpContext context) => Results.Json(Metadata(tenant, runtime.BaseUrl)));
            app.MapGet("/common/discovery/instance", (HttpContext context) => Results.Json(new
            {
                tenant_discovery_endpoint = $"{runtime.BaseUrl}common/v2.0/.well-known/openid-configuration",
                api_version = "1.1",
                metadata = new[] { new { preferred_network = runtime.BaseUrl.Authority, preferred_cache = runtime.BaseUrl.Authority, aliases = new[] { runtime.BaseUrl.Authority } } },
            }));
        }

        private static object Metadata(string tenant, Uri baseUrl) => new
        {
            token_endpoint = $"{baseUrl}{tenant}/oauth2/v2.0/token",
            authorization_endpoint = $"{baseUrl}{tenant}/oauth2/v2.0/authorize",
            device_authorization_endpoint = $"{baseUrl}{tenant}/oauth2/v2.0/devicecode",
            issuer = $"{baseUrl}{tenant}/v2.0",
            jwks_uri = $"{baseUrl}{tenant}/discovery/v2.0/keys",
            token_endpoint_auth_methods_supported = new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" },
            response_types_supported = new[] { "code", "id_token", "code id_token", "id_token token" },
            tenant_region_scope = "NA",
        };

        private static async Task<IResult> IssueAsync(string tenant, HttpContext context, EmulatorRuntime runtime)
        {
            if (!context.Request.HasFormContentType) return EntraError.MissingGrantType().ToResult();
            IFormCollection form = await context.Request.ReadFormAsync();

            if (!Guid.TryParse(tenant, out Guid tenantId) || runtime.Estate.Tenant(tenantId) is null) return EntraError.TenantNotFound(tenant).ToResult();
            string grantType = form["grant_type"].ToString();
            if (grantType != "client_credentials") return EntraError.UnsupportedGrantType(grantType).ToResult();

            // One multi-tenant app registration: found by app id in any tenant, then judged by its standing in this one.
            string clientId = form["client_id"].ToString();
            if (!Guid.TryParse(clientId, out Guid appId) || runtime.Estate.PrincipalByAppId(appId) is not { } principal)
                return EntraError.ApplicationNotFound(clientId, tenant).ToResult();
            if (runtime.Consents.FindClient(principal, tenantId, tenant) is { } unknownClient) return unknownClient.ToResult();

            // The credentials live on the home registration, so the same secret works in every tenant.
            string secret = form["client_secret"].ToString();
            if (string.IsNullOrEmpty(secret) || !string.Equals(secret, principal.Secret, StringComparison.Ordinal))
                return EntraError.InvalidSecret(clientId).ToResult();

            string scope = form["scope"].ToString();
            string? requested = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => s.EndsWith("/.default", StringComparison.Ordinal));
            if (requested is null) return EntraError.InvalidScope(scope).ToResult();
            string resourceId = requested.Substring(0, requested.Length - "/.default".Length);
            if (runtime.FindResource(resourceId) is not TokenResource resource) return EntraError.ResourceNotFound(resourceId + "/", tenant).ToResult();
            if (runtime.Consents.Authorize(principal, tenantId, resource) is { } refused) return refused.ToResult();

            // ARM tokens keep the audience with its trailing slash, as they always had; others carry the resource as requested.
            string audience = resource == TokenResource.ResourceManager ? resourceId.TrimEnd('/') + "/" : resourceId;
            TimeSpan lifetime = runtime.Options.TokenLifetime;
            string token = runtime.Tokens.Issue(tenantId, runtime.Consents.ObjectId(principal, tenantId), appId, audience, lifetime,
                runtime.Consents.Roles(principal, tenantId, resource));
            context.Response.Headers.CacheControl = "no-store, no-cache";
            return Results.Json(new
            {
                token_type = "Bearer",
                expires_in = (int)lifetime.TotalSeconds,
                ext_expires_in = (int)lifetime.TotalSeconds,
                access_token = token,
            });
        }
    }
}
