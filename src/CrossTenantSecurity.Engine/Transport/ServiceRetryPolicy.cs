using System;
using Azure;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Azure.Core's retry loop, with its waits on the session's clock: what to retry is the message's classifier's call
    /// (408, 429, 5xx and transport failures by default), each retry waits an exponential back-off with jitter and never
    /// less than the service's Retry-After (read by <see cref="RetryAfterHeader"/>). Azure.Core's own policy waits on
    /// the wall clock and reads Retry-After its own way, which a manual clock could not drive. A try that got no answer
    /// is read once, by <see cref="TransportFailure"/>: an untrusted certificate is never retried (no retry mends it), a
    /// connection that broke off is retried without a back-off, and what is left after the last try is a <see cref="ServiceTransportException"/> that says what happened (a
    /// try past the per-try timeout as a timeout, not as the cancellation Azure.Core makes of it).
    /// </summary>
    internal sealed class ServiceRetryPolicy : RetryPolicy
    {
        private static readonly TimeSpan MaximumBackoff = TimeSpan.FromMinutes(1);

        private readonly TimeSpan _delay;
        private readonly TimeSpan _networkTimeout;
        private readonly TimeProvider _time;

        /// <summary>A retry loop; <paramref name="networkTimeout"/> is the per-try timeout Azure.Core applies (a message may set its own), named when a try runs out of it.</summary>
        public ServiceRetryPolicy(int maxRetries, TimeSpan delay, TimeSpan networkTimeout, TimeProvider time)
            : base(maxRetries)
        {
            _delay = delay;
            _networkTimeout = networkTimeout;
            _time = time;
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline, async: true);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

        private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
        {
            for (int tries = 1; ; tries++)
            {
                Exception? failure = null;
                try
                {
                    if (async) await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                    else ProcessNext(message, pipeline);
                }
                catch (OperationCanceledException e) when (!message.CancellationToken.IsCancellationRequested)
                {
                    // Not the caller's cancellation: Azure.Core's per-try (network) timeout ran out.
                    failure = new TryTimeoutException(message.NetworkTimeout ?? _networkTimeout, e);
                    AttemptTracker.Of(message)?.TryTimedOut();
                }
                catch (Exception e)
                {
                    failure = e;
                }

                bool failed = failure is not null || (message.HasResponse && message.Response.IsError);
                if (!failed) return;
                ScopeFailureKind? transport = failure is null || message.CancellationToken.IsCancellationRequested ? null : TransportFailure.KindOf(failure);
                // Azure.Core's classifier knows a timeout as the cancellation it made of it.
                Exception? asAzureCoreSawIt = failure is TryTimeoutException { InnerException: { } cancelled } ? cancelled : failure;
                if (transport == ScopeFailureKind.TlsTrust || !ShouldRetry(message, asAzureCoreSawIt))
                {
                    if (failure is null) return;
                    string host = message.Request.Uri.Host ?? string.Empty;
                    if (transport is not null && TransportFailure.Of(failure, host, tries) is { } said)
                        throw new ServiceTransportException(said, host, tries, failure);
                    ExceptionDispatchInfo.Throw(failure);
                }

                // A connection that broke off (a reset, a body cut short) says nothing about the service's load, which a 5xx,
                // a 429 and Retry-After do: its retry goes out at once, on another connection.
                TimeSpan wait = transport == ScopeFailureKind.Transient ? TimeSpan.Zero : NextWait(message);
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
