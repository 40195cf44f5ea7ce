using System;
using System.Globalization;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>Resource Graph's per-principal quota as a response reports it.</summary>
    internal readonly struct QuotaHeaders
    {
        public const string Remaining = "x-ms-user-quota-remaining";
        public const string ResetsAfter = "x-ms-user-quota-resets-after";

        public QuotaHeaders(int? remaining, TimeSpan? resetsAfter, TimeSpan? retryAfter)
        {
            RemainingQuota = remaining;
            ResetAfter = resetsAfter;
            RetryAfter = retryAfter;
        }

        public int? RemainingQuota { get; }
        public TimeSpan? ResetAfter { get; }
        public TimeSpan? RetryAfter { get; }

        public static QuotaHeaders Read(Func<string, string?> header, TimeProvider time) =>
            new QuotaHeaders(ParseRemaining(header(Remaining)), ParseResetsAfter(header(ResetsAfter)), RetryAfterHeader.Read(header, time));

        private static int? ParseRemaining(string? value) =>
            int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? Math.Max(0, n) : null;

        /// <summary>hh:mm:ss, possibly with fractional seconds (hh:mm:ss.fff).</summary>
        private static TimeSpan? ParseResetsAfter(string? value) =>
            TimeSpan.TryParse(value?.Trim(), CultureInfo.InvariantCulture, out TimeSpan span) && span >= TimeSpan.Zero ? span : null;
    }
}
