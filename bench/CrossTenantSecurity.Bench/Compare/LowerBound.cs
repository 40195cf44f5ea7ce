using System;
using System.Linq;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// performance-model.md, "Round-trip lower bounds", ARM per-subscription fan-out:
    /// T ≥ max(Σ_s work_s / c, max_s depth_s, max_s (k_s − B_r)⁺ / r_r) + ⌈N/p_sub⌉·L̄ + L_t,
    /// with the emulator's mean latencies × time scale and the request counts per subscription actually sent.
    /// </summary>
    internal static class LowerBound
    {
        private const int ReadBucket = 250;
        private const double ReadRefillPerSecond = 25;

        public static double Seconds(RequestLogAnalysis requests, int concurrency, int subscriptions, int subscriptionPageSize, LatencyMeans means, double timeScale)
        {
            var perSubscription = requests.PerSubscription.Values.ToList();
            double work = perSubscription.Sum(s => s.WorkSeconds(means)) / Math.Max(1, concurrency);
            double depth = perSubscription.Select(s => s.DepthSeconds(means)).DefaultIfEmpty(0).Max();
            double bucket = perSubscription.Select(s => Math.Max(0, s.Total - ReadBucket) / ReadRefillPerSecond * timeScale).DefaultIfEmpty(0).Max();
            double listing = Math.Ceiling(subscriptions / (double)subscriptionPageSize) * means.ArmReadSeconds;
            return Math.Max(work, Math.Max(depth, bucket)) + listing + means.TokenSeconds;
        }
    }
}
