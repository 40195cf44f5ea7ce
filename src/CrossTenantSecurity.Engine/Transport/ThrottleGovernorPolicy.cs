using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Client-side view of the services' throttling buckets (<see cref="ThrottleBucket"/>): once a bucket answers 429
    /// with Retry-After, every request for that bucket waits until the time has passed, instead of each worker learning
    /// it with a 429 of its own (and, under ARM's penalty rule, earning a fresh one by retrying early). Other buckets
    /// carry on: a throttled subscription holds only that subscription, a throttled Graph tenant only that tenant. It
    /// runs per retry, so the pipeline's retries also wait; one instance serves every service of the session.
    /// </summary>
    internal sealed class ThrottleGovernorPolicy : HttpPipelinePolicy
    {
        private readonly ConcurrentDictionary<ThrottleBucket, DateTimeOffset> _notBefore = new();
        private readonly TimeProvider _time;
        private long _waits;

        public ThrottleGovernorPolicy(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

        /// <summary>How many requests were held back to respect a Retry-After another request was given.</summary>
        public long Waits => Interlocked.Read(ref _waits);

        /// <summary>Whether requests for this scope's bucket are being held back after a 429 right now.</summary>
        public bool IsHeld(RequestScope scope, RequestMethod method) => HeldFor(ThrottleBucket.Of(scope, method)) > TimeSpan.Zero;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ThrottleBucket bucket = BucketOf(message);
            AttemptTracker? tracker = AttemptTracker.Of(message);
            TimeSpan wait = HeldFor(bucket);
            if (wait > TimeSpan.Zero)
            {
                Interlocked.Increment(ref _waits);
                tracker?.Held();
                await Task.Delay(wait, _time, message.CancellationToken).ConfigureAwait(false);
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

            if (message.HasResponse && message.Response.Status == 429 && RetryAfterOf(message.Response) is TimeSpan retryAfter)
            {
                DateTimeOffset next = _time.GetUtcNow() + retryAfter;
                _notBefore.AddOrUpdate(bucket, next, (_, existing) => existing > next ? existing : next);
            }
        }

        /// <summary>The bucket of the message's scope; a message sent without one is an ARM request, read from its path.</summary>
        private static ThrottleBucket BucketOf(HttpMessage message) =>
            ThrottleBucket.Of(RequestScope.Of(message) ?? ArmPathScope.Derive(message.Request.Uri.ToUri()), message.Request.Method);

        /// <summary>How long the bucket's last Retry-After still has to run (zero or less when it is not held).</summary>
        private TimeSpan HeldFor(ThrottleBucket bucket) => _notBefore.TryGetValue(bucket, out DateTimeOffset until) ? until - _time.GetUtcNow() : TimeSpan.Zero;

        private TimeSpan? RetryAfterOf(Response response) =>
            RetryAfterHeader.Read(name => response.Headers.TryGetValue(name, out string? value) ? value : null, _time);
    }
}
