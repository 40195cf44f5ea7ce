using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// Retry-After carries whole seconds, so a scaled wait is rounded up there and also sent exactly as
    /// x-ms-retry-after-ms, which Azure.Core reads first (retry-after-ms, x-ms-retry-after-ms, then Retry-After).
    /// </summary>
    internal static class RetryAfterHeaders
    {
        public static void Apply(HttpResponse response, TimeSpan retryAfter, double timeScale)
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            if (timeScale != 1.0)
            {
                response.Headers["x-ms-retry-after-ms"] = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
