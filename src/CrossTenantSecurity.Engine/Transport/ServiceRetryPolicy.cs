using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Azure.Core's retry loop, with its waits on the session's clock: what to retry is the message's classifier's call
    /// (408, 429, 5xx and transport failures by default), each retry waits an exponential back-off with jitter and never
    /// less than the service's Retry-After (read by <see cref="RetryAfterHeader"/>). Azure.Core's own policy waits on
    /// the wall clock and reads Retry-After its own way, which a manual clock could not drive.
    /// </summary>
    internal sealed class ServiceRetryPolicy : RetryPolicy
    {
        private static readonly TimeSpan MaximumBackoff = TimeSpan.FromMinutes(1);

        private readonly TimeSpan _delay;
        private readonly TimeProvider _time;

        public ServiceRetryPolicy(int maxRetries, TimeSpan delay, TimeProvider time)
            : base(maxRetries)
        {
            _delay = delay;
            _time = time;
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline, async: true);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

        private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
        {
            List<Exception>? failures = null;
            while (true)
            {
                Exception? failure = null;
                try
                {
                    if (async) await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                    else ProcessNext(message, pipeline);
                }
                catch (Exception e)
                {
                    (failures ??= new List<Exception>()).Add(e);
                    failure = e;
                }

                bool failed = failure is not null || (message.HasResponse && message.Response.IsError);
                if (!failed || !ShouldRetry(message, failure))
                {
                    if (failure is null) return;
                    if (failures!.Count == 1) ExceptionDispatchInfo.Throw(failure);
                    throw new AggregateException($"The request failed after {failures.Count} tries.", failures);
                }

                TimeSpan wait = NextWait(message);
                if (wait > TimeSpan.Zero)
                {
                    Task delay = Task.Delay(wait, _time, message.CancellationToken);
                    if (async) await delay.ConfigureAwait(false);
                    else delay.GetAwaiter().GetResult();
                }
                if (message.HasResponse) message.Response.ContentStream?.Dispose(); // frees the connection before the next try
                MessageProcessingContext context = message.ProcessingContext;
                context.RetryNumber++;
            }
        }

        private TimeSpan NextWait(HttpMessage message)
        {
            int retry = message.ProcessingContext.RetryNumber;
            double jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
            double backoffTicks = Math.Min(_delay.Ticks * Math.Pow(2, Math.Min(retry, 30)) * jitter, MaximumBackoff.Ticks);
            var backoff = TimeSpan.FromTicks((long)backoffTicks);
            if (!message.HasResponse) return backoff;
            Response response = message.Response;
            TimeSpan? retryAfter = RetryAfterHeader.Read(name => response.Headers.TryGetValue(name, out string? value) ? value : null, _time);
            return retryAfter > backoff ? retryAfter.Value : backoff;
        }
    }
}
