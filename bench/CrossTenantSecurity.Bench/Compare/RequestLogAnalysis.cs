using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Diagnostics;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>What one approach sent, read back from the emulator's request log.</summary>
    internal sealed class RequestLogAnalysis
    {
        private static readonly string[] SecurityLists = { "assessments", "alerts", "subAssessments", "regulatoryComplianceAssessments" };
        private static readonly int[] TransientStatuses = { 408, 429, 500, 502, 503, 504 };

        private RequestLogAnalysis(IReadOnlyList<RequestLogEntry> entries, TimeSpan retryAfter)
        {
            Entries = entries;
            var seen = new Dictionary<string, (bool AnyFailed, DateTimeOffset LatestEnd)>(StringComparer.Ordinal);
            foreach (RequestLogEntry entry in entries.OrderBy(e => e.Time - TimeSpan.FromMilliseconds(e.DurationMs)))
            {
                string key = entry.Method + " " + entry.Path + entry.Query;
                bool failed = entry.Outcome is not null || TransientStatuses.Contains(entry.Status);
                DateTimeOffset start = entry.Time - TimeSpan.FromMilliseconds(entry.DurationMs);
                if (seen.TryGetValue(key, out var earlier))
                {
                    Repeats++;
                    if (start < earlier.LatestEnd) Hedges++;
                    else if (earlier.AnyFailed) Retries++;
                }
                seen[key] = (earlier.AnyFailed | failed, entry.Time > earlier.LatestEnd ? entry.Time : earlier.LatestEnd);
            }
            EarlyRequests = CountEarly(entries, retryAfter);
            foreach (RequestLogEntry entry in entries)
            {
                string kind = Kind(entry.Path);
                ByKind[kind] = ByKind.TryGetValue(kind, out int n) ? n + 1 : 1;
            }
            foreach (RequestLogEntry entry in entries)
            {
                if (SubscriptionOf(entry.Path) is not { } subscription) continue;
                if (!PerSubscription.TryGetValue(subscription, out SubscriptionRequests? counts)) PerSubscription[subscription] = counts = new SubscriptionRequests();
                counts.Add(Classify(entry.Path), ChainOf(entry.Path));
            }
        }

        public IReadOnlyList<RequestLogEntry> Entries { get; }

        /// <summary>Requests repeating an earlier request's method, path and query, for any reason (the module re-lists subscriptions per command).</summary>
        public int Repeats { get; }

        /// <summary>Repeats of a request that was throttled or failed transiently (429, 408, 5xx, or an injected fault): true retries.</summary>
        public int Retries { get; }

        /// <summary>Repeats sent while an identical request was still in flight: hedged reads, not retries.</summary>
        public int Hedges { get; }

        /// <summary>ARM 429s that arrived while an earlier 429's Retry-After on the same subscription had not expired.</summary>
        public int EarlyRequests { get; }

        /// <summary>Requests by the last segment of the path that is not an id (ascScore, assessments, subscriptions, permissions...).</summary>
        public SortedDictionary<string, int> ByKind { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, SubscriptionRequests> PerSubscription { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int ArmThrottled => Entries.Count(e => e.Outcome == "throttled:" + ThrottleReason.Arm);

        public static RequestLogAnalysis Of(RequestLog log, TimeSpan scaledRetryAfter) => new(log.Entries, scaledRetryAfter);

        /// <summary>The emulator's own classification (EndpointClassifier) for GETs.</summary>
        public static EndpointClass Classify(string path)
        {
            string last = path.TrimEnd('/').Split('/').Last();
            return path.Contains("/providers/Microsoft.Security/", StringComparison.OrdinalIgnoreCase) && SecurityLists.Any(l => l.Equals(last, StringComparison.OrdinalIgnoreCase))
                ? EndpointClass.SecurityList
                : EndpointClass.ArmRead;
        }

        private static string Kind(string path)
        {
            string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (int i = segments.Length - 1; i >= 0; i--)
            {
                if (!Guid.TryParse(segments[i], out _)) return segments[i];
            }
            return "/";
        }

        private static string? SubscriptionOf(string path)
        {
            string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return segments.Length >= 3 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? segments[1] : null;
        }

        /// <summary>Pages of one list share a path (the nextLink only changes the query), so the path names the chain.</summary>
        private static string ChainOf(string path) => path.ToLowerInvariant();

        /// <summary>A throttled request's decision comes right before its response, so the log time is the decision time.</summary>
        private static int CountEarly(IReadOnlyList<RequestLogEntry> entries, TimeSpan retryAfter)
        {
            int early = 0;
            foreach (var group in entries.Where(e => e.Outcome == "throttled:" + ThrottleReason.Arm).GroupBy(e => SubscriptionOf(e.Path) ?? "tenant"))
            {
                DateTimeOffset? notBefore = null;
                foreach (RequestLogEntry entry in group.OrderBy(e => e.Time))
                {
                    if (notBefore is { } limit && entry.Time < limit) early++;
                    notBefore = entry.Time + retryAfter;
                }
            }
            return early;
        }
    }

    /// <summary>One subscription's requests by endpoint class, and the length of its longest chain of pages.</summary>
    internal sealed class SubscriptionRequests
    {
        private readonly Dictionary<string, (EndpointClass Class, int Count)> _chains = new(StringComparer.Ordinal);

        public int ArmReads { get; private set; }
        public int SecurityListPages { get; private set; }
        public int Total => ArmReads + SecurityListPages;

        public void Add(EndpointClass endpoint, string chain)
        {
            if (endpoint == EndpointClass.SecurityList) SecurityListPages++;
            else ArmReads++;
            _chains[chain] = _chains.TryGetValue(chain, out var current) ? (endpoint, current.Count + 1) : (endpoint, 1);
        }

        /// <summary>Σ latencies of the subscription's requests (work_s).</summary>
        public double WorkSeconds(LatencyMeans means) => ArmReads * means.ArmReadSeconds + SecurityListPages * means.SecurityListSeconds;

        /// <summary>The longest chain of dependent requests (nextLink pages of one list), in seconds (depth_s).</summary>
        public double DepthSeconds(LatencyMeans means) => _chains.Values.Select(c => c.Count * means.Of(c.Class)).DefaultIfEmpty(0).Max();
    }
}
