using System;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Identity
{
    /// <summary>
    /// A token endpoint refusal in Entra's shape: HTTP status, OAuth error, AADSTS code and text. The texts are
    /// Entra's own, because callers (MSAL, Azure.Identity, the module) surface them and users search for them.
    /// </summary>
    internal readonly record struct EntraError(int Status, string Error, int Code, string Description)
    {
        public static EntraError MissingGrantType() =>
            new(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");

        public static EntraError TenantNotFound(string tenant) =>
            new(400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");

        public static EntraError UnsupportedGrantType(string grantType) =>
            new(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'. This emulator supports client_credentials.");

        public static EntraError ApplicationNotFound(string appId, string tenant) =>
            new(400, "unauthorized_client", 700016,
                $"Application with identifier '{appId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");

        public static EntraError MissingServicePrincipal(string appId, string tenant) =>
            new(400, "invalid_client", 7000229,
                $"The client application {appId} is missing service principal in the tenant {tenant}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119");

        public static EntraError ApplicationDisabled(string appId, string name) =>
            new(400, "unauthorized_client", 7000112, $"Application '{appId}'({name}) is disabled.");

        public static EntraError InvalidSecret(string appId) =>
            new(401, "invalid_client", 7000215,
                $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{appId}'.");

        public static EntraError InvalidScope(string scope) =>
            new(400, "invalid_scope", 1002012,
                $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");

        public static EntraError ResourceNotFound(string resource, string tenant) =>
            new(400, "invalid_resource", 500011, $"The resource principal named {resource} was not found in the tenant named {tenant}.");

        public static EntraError ConsentRequired(string appId, string name) =>
            new(400, "invalid_grant", 65001,
                $"The user or administrator has not consented to use the application with ID '{appId}' named '{name}'. Send an interactive authorization request for this user and resource.");

        public static EntraError BlockedByConditionalAccess() =>
            new(400, "invalid_grant", 53003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.");

        /// <summary>The JSON body Entra sends: the description repeats the code and ends with trace, correlation and time.</summary>
        public IResult ToResult()
        {
            string traceId = Guid.NewGuid().ToString();
            string correlationId = Guid.NewGuid().ToString();
            string timestamp = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new
            {
                error = Error,
                error_description = $"AADSTS{Code}: {Description} Trace ID: {traceId} Correlation ID: {correlationId} Timestamp: {timestamp}",
                error_codes = new[] { Code },
                timestamp,
                trace_id = traceId,
                correlation_id = correlationId,
                error_uri = $"https://login.microsoftonline.com/error?code={Code}",
            }, statusCode: Status);
        }
    }
}
