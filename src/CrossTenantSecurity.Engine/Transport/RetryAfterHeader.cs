using System;
using System.Globalization;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// How long a response asks us to wait, read the way Azure.Core reads it: retry-after-ms, then x-ms-retry-after-ms
    /// (milliseconds), then Retry-After (delta seconds, possibly fractional, or an HTTP date). The one parser for the
    /// pipeline's retries, the throttle governor and Resource Graph's quota. An HTTP date is measured against the
    /// session's clock, so a manual clock in tests sees the wait a real one would.
    /// </summary>
    internal static class RetryAfterHeader
    {
        /// <summary>Longer than any service asks for; a larger number is garbage, not a wait.</summary>
        private const double MaximumSeconds = 24 * 60 * 60;

        private static readonly string[] MillisecondHeaders = { "retry-after-ms", "x-ms-retry-after-ms" };

        /// <summary>The wait, never negative (a date already past is zero); null when no header says anything usable.</summary>
        public static TimeSpan? Read(Func<string, string?> header, TimeProvider time)
        {
            foreach (string name in MillisecondHeaders)
            {
                if (Number(header(name)) is double milliseconds && Wait(milliseconds / 1000) is TimeSpan wait) return wait;
            }
            string? value = header("Retry-After")?.Trim();
            if (string.IsNullOrEmpty(value)) return null;
            if (Number(value) is double seconds) return Wait(seconds);
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)) return null;
            TimeSpan until = at - time.GetUtcNow();
            return until > TimeSpan.Zero ? until : TimeSpan.Zero;
        }

        private static double? Number(string? text) =>
            double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : null;

        // Negative, NaN and absurd numbers are not waits.
        private static TimeSpan? Wait(double seconds) =>
            seconds >= 0 && seconds <= MaximumSeconds ? TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)) : null;
    }
}
