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
    /// and instance discovery. Errors use Entra's body shape and AADSTS codes.
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
            if (!context.Request.HasFormContentType)
                return Error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
            IFormCollection form = await context.Request.ReadFormAsync();

            if (!Guid.TryParse(tenant, out Guid tenantId) || runtime.Estate.Tenant(tenantId) is null)
                return Error(400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
            string grantType = form["grant_type"].ToString();
            if (grantType != "client_credentials")
                return Error(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'. This emulator supports client_credentials.");

            string clientId = form["client_id"].ToString();
            if (!Guid.TryParse(clientId, out Guid appId) || runtime.Estate.PrincipalByAppId(appId) is not { } principal || principal.TenantId != tenantId)
                return Error(400, "unauthorized_client", 700016,
                    $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant.");

            string secret = form["client_secret"].ToString();
            if (string.IsNullOrEmpty(secret) || !string.Equals(secret, principal.Secret, StringComparison.Ordinal))
                return Error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");

            string scope = form["scope"].ToString();
            string? resource = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => s.EndsWith("/.default", StringComparison.Ordinal));
            if (resource is null)
                return Error(400, "invalid_scope", 1002012, $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
            string audience = resource.Substring(0, resource.Length - "/.default".Length) + "/";
            if (!runtime.IsArmAudience(audience))
                return Error(400, "invalid_resource", 500011, $"The resource principal named {audience} was not found in the tenant named {tenant}.");

            TimeSpan lifetime = runtime.Options.TokenLifetime;
            string token = runtime.Tokens.Issue(tenantId, principal.ObjectId, appId, audience, lifetime);
            context.Response.Headers.CacheControl = "no-store, no-cache";
            return Results.Json(new
            {
                token_type = "Bearer",
                expires_in = (int)lifetime.TotalSeconds,
                ext_expires_in = (int)lifetime.TotalSeconds,
                access_token = token,
            });
        }

        private static IResult Error(int status, string error, int code, string description)
        {
            string traceId = Guid.NewGuid().ToString();
            string correlationId = Guid.NewGuid().ToString();
            string timestamp = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'");
            return Results.Json(new
            {
                error,
                error_description = $"AADSTS{code}: {description} Trace ID: {traceId} Correlation ID: {correlationId} Timestamp: {timestamp}",
                error_codes = new[] { code },
                timestamp,
                trace_id = traceId,
                correlation_id = correlationId,
            }, statusCode: status);
        }
    }
}
