using System;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// One session's HTTP: a single transport under every service's pipeline (ARM, Microsoft Graph, Defender for
    /// Endpoint, Log Analytics), each with the same retries, throttle governor, trace and clock. No service opens a
    /// connection pool of its own, and a 429 is seen by every request of its bucket whatever gateway sends it. The
    /// default transport is Azure.Core's shared one, so reconnecting leaves no sockets behind either.
    /// </summary>
    internal sealed class ServiceTransport
    {
        private readonly HttpPipelineTransport _transport;
        private readonly HttpTracePolicy _trace;

        public ServiceTransport(ConnectionOptions options, HttpPipelineTransport? transport = null, ThrottleGovernorPolicy? governor = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            Time = options.Time ?? TimeProvider.System;
            _transport = transport ?? HttpClientTransport.Shared;
            Governor = governor ?? new ThrottleGovernorPolicy(Time);
            _trace = new HttpTracePolicy("HTTP", Time);
        }

        public ConnectionOptions Options { get; }
        public CloudEnvironment Environment => Options.Environment;
        public TimeProvider Time { get; }
        public ThrottleGovernorPolicy Governor { get; }

        /// <summary>A service's pipeline over the shared transport; <paramref name="authentication"/> runs on every try, before the governor.</summary>
        public HttpPipeline CreatePipeline(HttpPipelinePolicy authentication)
        {
            var clientOptions = new SessionClientOptions
            {
                Transport = _transport,
                RetryPolicy = new ServiceRetryPolicy(Options.MaxRetries, Options.RetryDelay, Options.NetworkTimeout, Time),
            };
            clientOptions.Retry.NetworkTimeout = Options.NetworkTimeout;
            clientOptions.Diagnostics.ApplicationId = "CrossTenantSecurity";
            clientOptions.AddPolicy(Governor, HttpPipelinePosition.PerRetry);
            clientOptions.AddPolicy(_trace, HttpPipelinePosition.PerRetry);
            return HttpPipelineBuilder.Build(clientOptions, authentication);
        }
    }
}
