using CrossTenantSecurity.Emulator.Identity;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.LogAnalytics
{
    /// <summary>The bearer token of a non-ARM request, checked for one resource's audiences.</summary>
    internal static class BearerToken
    {
        public static TokenCheck Check(HttpContext context, EmulatorRuntime runtime, TokenResource resource, string allowed)
        {
            string header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", System.StringComparison.OrdinalIgnoreCase))
                return TokenCheck.Fail("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing or not a bearer token.");
            return runtime.Tokens.Check(header.Substring("Bearer ".Length).Trim(), audience => runtime.Options.Audiences.Accepts(resource, audience), allowed);
        }
    }
}
