using System;
using System.Linq;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>
    /// A token handed to Connect-CtAccount is checked before it is used: a value that is not a token, one that has
    /// expired, or one issued for another service fails the sign-in at once with the fix, rather than every later
    /// command failing with a vague 401. The token is read, never stored beyond the session or written anywhere.
    /// </summary>
    internal static class GivenToken
    {
        public static void Check(string token, string parameter, ServiceEndpoint endpoint, CloudEnvironment cloud, DateTimeOffset now)
        {
            TokenClaims claims = TokenClaims.TryRead(token) ?? throw new CrossTenantException("Credential.InvalidAccessToken", CrossTenantErrorKind.InvalidArgument,
                $"The -{parameter} value is not an access token: Entra access tokens are JWTs (three base64url parts separated by dots).",
                $"Pass the token itself, for example (Get-AzAccessToken -ResourceUrl {endpoint.Audience}).Token or az account get-access-token --resource {endpoint.Audience}.");
            if (claims.ExpiresOn is DateTimeOffset expires && expires <= now)
                throw new CrossTenantException("Credential.AccessTokenExpired", CrossTenantErrorKind.Authentication,
                    $"The -{parameter} token expired at {expires:u}.",
                    "Get a fresh token and connect again, or sign in with a method that refreshes its tokens (a service principal, a managed identity).");
            if (claims.Audience is string audience && !IsFor(audience, endpoint, cloud))
                throw new CrossTenantException("Credential.AccessTokenAudience", CrossTenantErrorKind.InvalidArgument,
                    $"The -{parameter} token was issued for '{audience}', not for {endpoint.Service} ({endpoint.Audience}).",
                    $"Request the token for {endpoint.Audience}.");
        }

        private static bool IsFor(string audience, ServiceEndpoint endpoint, CloudEnvironment cloud)
        {
            string given = audience.TrimEnd('/');
            if (string.Equals(given, endpoint.Audience, StringComparison.OrdinalIgnoreCase)) return true;
            // Entra also writes the service's application id as aud (v2 tokens), and ARM still accepts its classic audience.
            return endpoint.Service switch
            {
                CloudService.ResourceManager => given.Equals("797f4846-ba00-4fd7-ba43-dac1f8f63013", StringComparison.OrdinalIgnoreCase) ||
                    (cloud.IsBuiltIn && given.StartsWith("https://management.core.", StringComparison.OrdinalIgnoreCase)),
                CloudService.MicrosoftGraph => given.Equals("00000003-0000-0000-c000-000000000000", StringComparison.OrdinalIgnoreCase),
                CloudService.LogAnalytics => given.Equals("ca7f3f0b-7d91-482c-8e09-c5d840d0eac5", StringComparison.OrdinalIgnoreCase) ||
                    new[] { "https://api.loganalytics.io", "https://api.loganalytics.azure.com" }.Contains(given, StringComparer.OrdinalIgnoreCase),
                CloudService.DefenderEndpoint => given.Equals("fc780465-2017-40d4-a0c5-307022471b92", StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
        }
    }
}
