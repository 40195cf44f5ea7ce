using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Arm;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Writes a refused admission as ARM does: 429, the error body and, when the layer sends one, Retry-After.</summary>
    internal static class ThrottledResponse
    {
        public static Task WriteAsync(HttpContext context, Admission admission, double timeScale)
        {
            if (admission.RetryAfter is { } retryAfter) RetryAfterHeaders.Apply(context.Response, retryAfter, timeScale);
            return ArmErrors.Create(StatusCodes.Status429TooManyRequests, admission.Code!, admission.Message!).ExecuteAsync(context);
        }
    }
}
