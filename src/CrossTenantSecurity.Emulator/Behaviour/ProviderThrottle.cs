using System;
using System.Collections.Generic;
using System.Globalization;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Profile "rp-tight": a fixed window per (subscription, Microsoft.Security action). Azure publishes no numbers for this layer [A].</summary>
    internal sealed class ProviderThrottle
    {
        private const string RemainingHeader = "x-ms-ratelimit-remaining-subscription-resource-requests";
        private readonly BehaviourOptions _options;
        private readonly Dictionary<string, FixedWindowCounter> _windows = new(StringComparer.OrdinalIgnoreCase);

        public ProviderThrottle(BehaviourOptions options) => _options = options;

        public void Admit(RequestFacts request, DateTimeOffset now, Admission admission)
        {
            if (request.SecurityAction is not { } action || request.SubscriptionId is not { } subscription) return;
            string key = subscription + "|" + action;
            lock (_windows)
            {
                if (!_windows.TryGetValue(key, out FixedWindowCounter? window))
                {
                    _windows[key] = window = new FixedWindowCounter(_options.ProviderRequestsPerWindow, _options.Scale(_options.ProviderWindow));
                }
                bool allowed = window.TryTake(now, out int remaining, out TimeSpan resetsAfter);
                admission.Headers[RemainingHeader] = remaining.ToString(CultureInfo.InvariantCulture);
                if (allowed) return;

                // The message speaks in unscaled seconds, as the client would see them at scale 1.
                int seconds = Math.Max(1, (int)Math.Ceiling(resetsAfter.TotalSeconds / _options.TimeScale));
                admission.Refuse(ThrottleReason.Provider, "ResourceRequestsThrottled",
                    $"Number of requests for action '{action}' exceeded the limit of '{_options.ProviderRequestsPerWindow}' for time interval " +
                    $"'{_options.ProviderWindow:hh\\:mm\\:ss}'. Please try again after '{seconds}' seconds.",
                    resetsAfter);
            }
        }
    }
}
