using System;
using System.Collections.Generic;
using System.Globalization;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Resource Graph's per-principal quota: a fixed window (15 requests / 5 s by default); every page counts.</summary>
    internal sealed class ResourceGraphQuota
    {
        private readonly BehaviourOptions _options;
        private readonly Dictionary<Guid, FixedWindowCounter> _windows = new();

        public ResourceGraphQuota(BehaviourOptions options) => _options = options;

        public void Admit(RequestFacts request, DateTimeOffset now, Admission admission, string correlationId)
        {
            if (request.CallerObjectId is not { } principal) return;
            lock (_windows)
            {
                if (!_windows.TryGetValue(principal, out FixedWindowCounter? window))
                {
                    _windows[principal] = window = new FixedWindowCounter(_options.ResourceGraphRequestsPerWindow, _options.Scale(_options.ResourceGraphWindow));
                }
                bool allowed = window.TryTake(now, out int remaining, out TimeSpan resetsAfter);
                _options.ResourceGraphQuotaAdmitted?.Invoke(remaining);
                admission.Headers["x-ms-user-quota-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
                admission.Headers["x-ms-user-quota-resets-after"] = FormatResetsAfter(resetsAfter);
                if (allowed) return;

                admission.Refuse(ThrottleReason.ResourceGraph, "RateLimiting",
                    $"Please provide below info when asking for support: timestamp = {now.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}, correlationId = {correlationId}. " +
                    "Details: Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. " +
                    "Please see https://aka.ms/resourcegraph-throttling for help.",
                    _options.ResourceGraphRetryAfter ? resetsAfter : null);
            }
        }

        /// <summary>hh:mm:ss as Azure sends it; a scaled run keeps milliseconds (hh:mm:ss.fff, which TimeSpan.Parse reads) so the wait is not rounded away.</summary>
        public static string FormatResetsAfter(TimeSpan value)
        {
            if (value < TimeSpan.Zero) value = TimeSpan.Zero;
            TimeSpan milliseconds = TimeSpan.FromMilliseconds(Math.Ceiling(value.TotalMilliseconds));
            return milliseconds.Milliseconds == 0
                ? milliseconds.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)
                : milliseconds.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
        }
    }
}
