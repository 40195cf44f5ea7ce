using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using CrossTenantSecurity.Engine.Session;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// The one place that sends ARM requests: GET a document, list items across nextLink pages, POST an action or a JSON
    /// body. Retries of 408/429/5xx (honouring Retry-After) happen inside the pipeline's retry policy. Every request
    /// carries its <see cref="RequestScope"/>: the caller's, or else the one its path names.
    /// </summary>
    internal sealed class ArmGateway
    {
        private readonly ServiceCaller _caller;
        private readonly ThrottleGovernorPolicy? _governor;

        public ArmGateway(TokenCredential credential, CloudEnvironment environment, ConnectionOptions options)
            : this(new ServiceTransport(options), credential, environment)
        {
        }

        /// <summary>Over the session's shared transport, authenticated with the managing tenant's ARM token.</summary>
        public ArmGateway(ServiceTransport transport, TokenCredential credential, CloudEnvironment environment)
            : this(transport.CreatePipeline(Authentication(credential, environment)), environment.ResourceManagerUrl, transport.Governor,
                transport.Options.HedgeReads, transport.Time, transport.Options.NetworkTimeout)
        {
        }

        /// <summary>Over a pipeline built elsewhere (tests); pass the governor inside it so that hedging respects its holds.</summary>
        public ArmGateway(HttpPipeline pipeline, Uri endpoint, ThrottleGovernorPolicy? governor = null, bool hedgeReads = true, TimeProvider? time = null,
            TimeSpan? networkTimeout = null)
        {
            Time = time ?? TimeProvider.System;
            _caller = new ServiceCaller(pipeline, CloudService.ResourceManager, endpoint, Time);
            _governor = governor;
            Hedging = new ReadHedging(hedgeReads, networkTimeout ?? new ConnectionOptions().NetworkTimeout);
            Cache = new SessionCache(Time);
        }

        /// <summary>The session's clock: every wait and measurement of this gateway, and of what it paces, runs on it.</summary>
        public TimeProvider Time { get; }

        /// <summary>Second requests for late reads (see <see cref="ReadHedging"/>).</summary>
        public ReadHedging Hedging { get; }

        /// <summary>Answers shared by the session's commands for a short while.</summary>
        public SessionCache Cache { get; }

        public static HttpPipeline CreatePipeline(TokenCredential credential, CloudEnvironment environment, ConnectionOptions options, HttpPipelineTransport? transport,
            ThrottleGovernorPolicy? governor = null) =>
            new ServiceTransport(options, transport, governor).CreatePipeline(Authentication(credential, environment));

        private static HttpPipelinePolicy Authentication(TokenCredential credential, CloudEnvironment environment) =>
            new BearerTokenAuthenticationPolicy(credential, environment.GetEndpoint(CloudService.ResourceManager).Scope);

        /// <summary>GET one document; throws <see cref="ServiceRequestException"/> on a non-success status.</summary>
        public Task<JsonDocument> GetAsync(string pathAndQuery, Action<string>? verbose, CancellationToken cancellationToken, RequestScope? scope = null)
        {
            Uri uri = _caller.Resolve(pathAndQuery);
            return ReadAsync(uri, scope ?? ArmPathScope.Derive(uri), verbose, cancellationToken);
        }

        /// <summary>POST an action (no body expected back); throws <see cref="ServiceRequestException"/> on a non-success status.</summary>
        public async Task<int> PostAsync(string pathAndQuery, Action<string>? verbose, CancellationToken cancellationToken, RequestScope? scope = null)
        {
            using HttpMessage message = CreateMessage(RequestMethod.Post, _caller.Resolve(pathAndQuery), scope);
            Response response = await _caller.SendCheckedAsync(message, verbose, null, cancellationToken).ConfigureAwait(false);
            return response.Status;
        }

        /// <summary>
        /// POST a JSON body and parse the JSON answer; throws <see cref="ServiceRequestException"/> on a non-success status.
        /// <paramref name="onResponse"/> reads the final response's headers first, success or not (quota headers ride on
        /// both); <paramref name="classifier"/> lets a caller that paces its own quota take 429 retries from the pipeline.
        /// </summary>
        public async Task<JsonDocument> PostJsonAsync(string pathAndQuery, byte[] body, Action<string>? verbose,
            Action<Func<string, string?>>? onResponse, ResponseClassifier? classifier, CancellationToken cancellationToken, RequestScope? scope = null)
        {
            using HttpMessage message = CreateMessage(RequestMethod.Post, _caller.Resolve(pathAndQuery), scope);
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(body);
            if (classifier is not null) message.ResponseClassifier = classifier;
            return await _caller.SendForJsonAsync(message, verbose, cancellationToken, onResponse).ConfigureAwait(false);
        }

        /// <summary>Lists every item of a pageable ARM collection across nextLink pages (see <see cref="LinkPaging"/>).</summary>
        public IAsyncEnumerable<JsonElement> ListAsync(string pathAndQuery, Action<string>? verbose, CancellationToken cancellationToken, RequestScope? scope = null) =>
            LinkPaging.ListAsync(_caller, _caller.Resolve(pathAndQuery), "nextLink", PageReader(scope, verbose), verbose, cancellationToken);

        /// <summary>The same collection page by page, each page held to the list shape (see <see cref="ListPage"/>).</summary>
        public IAsyncEnumerable<ListPage> ListPagesAsync(string pathAndQuery, Action<string>? verbose, CancellationToken cancellationToken, RequestScope? scope = null) =>
            LinkPaging.PagesAsync(_caller, _caller.Resolve(pathAndQuery), "nextLink", PageReader(scope, verbose), verbose, cancellationToken);

        private Func<Uri, CancellationToken, Task<JsonDocument>> PageReader(RequestScope? scope, Action<string>? verbose) =>
            (page, ct) => ReadAsync(page, scope ?? ArmPathScope.Derive(page), verbose, ct);

        private HttpMessage CreateMessage(RequestMethod method, Uri uri, RequestScope? scope) =>
            _caller.CreateMessage(method, uri, scope ?? ArmPathScope.Derive(uri));

        /// <summary>GET and parse; with hedging on, raced against identical requests once it is late (<see cref="HedgedRead"/>).</summary>
        private Task<JsonDocument> ReadAsync(Uri uri, RequestScope scope, Action<string>? verbose, CancellationToken cancellationToken)
        {
            if (!Hedging.Enabled) return ReadOnceAsync(_caller.CreateMessage(RequestMethod.Get, uri, scope), scope, verbose, cancellationToken);
            var read = new HedgedRead(Hedging, scope, Time,
                (tries, ct) =>
                {
                    HttpMessage message = _caller.CreateMessage(RequestMethod.Get, uri, scope);
                    tries.AttachTo(message);
                    return ReadOnceAsync(message, scope, verbose, ct);
                },
                () => _governor?.IsHeld(scope, RequestMethod.Get) == true);
            return read.RunAsync(
                elapsed => verbose?.Invoke($"GET {ServiceCaller.Describe(uri)} has taken {(long)elapsed.TotalMilliseconds} ms; sending it again and taking whichever answers first."),
                cancellationToken);
        }

        /// <summary>
        /// One read. Its latency feeds the hedging percentiles only if it went out once and straight away: a retry's
        /// back-off or a wait for another request's Retry-After is not how long this kind of read takes.
        /// </summary>
        private async Task<JsonDocument> ReadOnceAsync(HttpMessage message, RequestScope scope, Action<string>? verbose, CancellationToken cancellationToken)
        {
            using (message)
            {
                AttemptTracker tries = AttemptTracker.Of(message) ?? new AttemptTracker(Time);
                tries.AttachTo(message);
                long started = Time.GetTimestamp();
                JsonDocument document = await _caller.SendForJsonAsync(message, verbose, cancellationToken).ConfigureAwait(false);
                if (tries.Tries == 1 && !tries.WasHeld) Hedging.Record(scope, Time.GetElapsedTime(started));
                return document;
            }
        }
    }
}
