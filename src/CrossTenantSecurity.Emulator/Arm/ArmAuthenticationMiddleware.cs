using System;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Identity;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>
    /// Every ARM path needs a valid bearer token for an ARM audience. Failures are 401s with ARM's codes
    /// (AuthenticationFailed, InvalidAuthenticationToken, ExpiredAuthenticationToken,
    /// InvalidAuthenticationTokenAudience) and a WWW-Authenticate challenge.
    /// </summary>
    internal sealed class ArmAuthenticationMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly EmulatorRuntime _runtime;

        public ArmAuthenticationMiddleware(RequestDelegate next, EmulatorRuntime runtime)
        {
            _next = next;
            _runtime = runtime;
        }

        public static bool IsArmPath(PathString path) =>
            path.StartsWithSegments("/subscriptions", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/tenants", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/providers", StringComparison.OrdinalIgnoreCase);

        public async Task InvokeAsync(HttpContext context)
        {
            if (!IsArmPath(context.Request.Path))
            {
                await _next(context);
                return;
            }

            string header = context.Request.Headers.Authorization.ToString();
            if (string.IsNullOrEmpty(header))
            {
                await RejectAsync(context, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
                return;
            }
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                await RejectAsync(context, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is provided in an invalid format.");
                return;
            }

            TokenCheck check = _runtime.Tokens.Check(header.Substring("Bearer ".Length).Trim(), _runtime.IsArmAudience, _runtime.AllowedAudiencesText);
            if (!check.Valid)
            {
                await RejectAsync(context, check.ErrorCode!, check.ErrorMessage!);
                return;
            }
            // A token from a customer tenant names the app's service principal there; RBAC in that tenant decides what it reaches.
            ScenarioPrincipal? principal = _runtime.Estate.PrincipalByObjectId(check.ObjectId) is { } own && own.TenantId == check.TenantId
                ? own
                : _runtime.Consents.ServicePrincipal(check.TenantId, check.ObjectId);
            if (principal is null)
            {
                await RejectAsync(context, "InvalidAuthenticationToken", "The access token is from a principal that does not exist in its tenant.");
                return;
            }

            new ArmCaller(check.TenantId, principal).AttachTo(context);
            await _next(context);
        }

        private Task RejectAsync(HttpContext context, string code, string message)
        {
            context.Response.Headers.WWWAuthenticate =
                $"Bearer authorization_uri=\"{_runtime.BaseUrl}\", error=\"invalid_token\", error_description=\"{message.Replace("\"", "'")}\"";
            return ArmErrors.Create(401, code, message).ExecuteAsync(context);
        }
    }
}
