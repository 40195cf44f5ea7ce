using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Client-side view of ARM's throttling buckets. ARM throttles per (subscription, principal, operation)
    /// and per tenant for calls outside a subscription; once a bucket answers 429 with Retry-After, every
    /// request for that bucket waits until the time has passed, instead of each worker learning it with a
    /// 429 of its own (and, under ARM's penalty rule, earning a fresh one by retrying early). Other buckets
    /// carry on. It runs per retry, so the SDK's retries also wait.
    /// </summary>
    internal sealed class ThrottleGovernorPolicy : HttpPipelinePolicy
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> _notBefore = new(StringComparer.OrdinalIgnoreCase);
        private readonly Func<DateTimeOffset> _clock;
        private long _waits;

        public ThrottleGovernorPolicy(Func<DateTimeOffset>? clock = null) => _clock = clock ?? (() => DateTimeOffset.UtcNow);

        /// <summary>How many requests were held back to respect a Retry-After another request was given.</summary>
        public long Waits => Interlocked.Read(ref _waits);

        /// <summary>Whether requests for this request's bucket are being held back after a 429 right now.</summary>
        public bool IsHeld(Request request) => HeldFor(BucketOf(request)) > TimeSpan.Zero;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            string bucket = BucketOf(message.Request);
            AttemptTracker? tracker = AttemptTracker.Of(message);
            TimeSpan wait = HeldFor(bucket);
            if (wait > TimeSpan.Zero)
            {
                Interlocked.Increment(ref _waits);
                tracker?.Held();
                await Task.Delay(wait, message.CancellationToken).ConfigureAwait(false);
            }

            tracker?.TrySent();
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            finally
            {
                tracker?.TryEnded();
            }

            if (message.HasResponse && message.Response.Status == 429 && RetryAfter(message.Response) is TimeSpan retryAfter)
            {
                DateTimeOffset next = _clock() + retryAfter;
                _notBefore.AddOrUpdate(bucket, next, (_, existing) => existing > next ? existing : next);
            }
        }

        /// <summary>How long the bucket's last Retry-After still has to run (zero or less when it is not held).</summary>
        private TimeSpan HeldFor(string bucket) => _notBefore.TryGetValue(bucket, out DateTimeOffset until) ? until - _clock() : TimeSpan.Zero;

        /// <summary>"subscriptionId/read|write|delete", or "tenant/..." for calls outside a subscription.</summary>
        internal static string BucketOf(Request request)
        {
            string path = request.Uri.Path;
            string operation = request.Method == RequestMethod.Get || request.Method == RequestMethod.Head ? "read"
                : request.Method == RequestMethod.Delete ? "delete" : "write";
            const string prefix = "/subscriptions/";
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path.Length > prefix.Length)
            {
                int end = path.IndexOf('/', prefix.Length);
                string subscription = end < 0 ? path.Substring(prefix.Length) : path.Substring(prefix.Length, end - prefix.Length);
                return subscription + "/" + operation;
            }
            if (path.StartsWith("/providers/Microsoft.ResourceGraph", StringComparison.OrdinalIgnoreCase)) return "resourcegraph";
            return "tenant/" + operation;
        }

        /// <summary>retry-after-ms and x-ms-retry-after-ms (milliseconds), then Retry-After (seconds or an HTTP date), as Azure.Core reads them.</summary>
        internal static TimeSpan? RetryAfter(Response response)
        {
            foreach (string header in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
            {
                if (response.Headers.TryGetValue(header, out string? ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds))
                    return TimeSpan.FromMilliseconds(milliseconds);
            }
            if (!response.Headers.TryGetValue("Retry-After", out string? value)) return null;
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds)) return TimeSpan.FromSeconds(seconds);
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? at - DateTimeOffset.UtcNow : null;
        }
    }
}
