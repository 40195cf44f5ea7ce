using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using CrossTenantSecurity.Engine.Session;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// The one place that sends ARM requests: GET a document, or list items across nextLink pages.
    /// Retries of 408/429/5xx (honouring Retry-After) happen inside the pipeline's retry policy.
    /// </summary>
    internal sealed class ArmGateway
    {
        private readonly HttpPipeline _pipeline;
        private readonly Uri _endpoint;
        private readonly ThrottleGovernorPolicy? _governor;

        public ArmGateway(TokenCredential credential, CloudEnvironment environment, ConnectionOptions options)
            : this(new ThrottleGovernorPolicy(), credential, environment, options)
        {
        }

        private ArmGateway(ThrottleGovernorPolicy governor, TokenCredential credential, CloudEnvironment environment, ConnectionOptions options)
            : this(CreatePipeline(credential, environment, options, transport: null, governor), environment.ResourceManagerUrl, governor, options.HedgeReads)
        {
        }

        /// <summary>Over a pipeline built elsewhere (tests); pass the governor inside it so that hedging respects its holds.</summary>
        public ArmGateway(HttpPipeline pipeline, Uri endpoint, ThrottleGovernorPolicy? governor = null, bool hedgeReads = true)
        {
            _pipeline = pipeline;
            _endpoint = endpoint;
            _governor = governor;
            Hedging = new ReadHedging(hedgeReads);
        }

        public Uri Endpoint => _endpoint;

        /// <summary>Second requests for late reads (see <see cref="ReadHedging"/>).</summary>
        public ReadHedging Hedging { get; }

        /// <summary>Answers shared by the session's commands for a short while.</summary>
        public SessionCache Cache { get; } = new SessionCache();

        public static HttpPipeline CreatePipeline(TokenCredential credential, CloudEnvironment environment, ConnectionOptions options, HttpPipelineTransport? transport,
            ThrottleGovernorPolicy? governor = null)
        {
            var armOptions = new ArmClientOptions
            {
                Environment = new ArmEnvironment(environment.ResourceManagerUrl, environment.ResourceManagerAudience),
            };
            armOptions.Retry.MaxRetries = options.MaxRetries;
            armOptions.Retry.Delay = options.RetryDelay;
            armOptions.Retry.Mode = RetryMode.Exponential;
            armOptions.Retry.NetworkTimeout = options.NetworkTimeout;
            armOptions.Diagnostics.ApplicationId = "CrossTenantSecurity";
            armOptions.AddPolicy(governor ?? new ThrottleGovernorPolicy(), HttpPipelinePosition.PerRetry);
            armOptions.AddPolicy(new HttpTracePolicy("HTTP"), HttpPipelinePosition.PerRetry);
            if (transport is not null) armOptions.Transport = transport;
            var client = new ArmClient(credential, defaultSubscriptionId: null, armOptions);
            return new PipelineAccess(client).ArmPipeline;
        }

        /// <summary>GET one document; throws <see cref="ArmRequestException"/> on a non-success status.</summary>
        public Task<JsonDocument> GetAsync(string pathAndQuery, Action<string>? verbose, CancellationToken cancellationToken) =>
            ReadAsync(Resolve(pathAndQuery), verbose, cancellationToken);

        /// <summary>POST an action (no body expected back); throws <see cref="ArmRequestException"/> on a non-success status.</summary>
        public async Task<int> PostAsync(string pathAndQuery, Action<string>? verbose, CancellationToken cancellationToken)
        {
            using HttpMessage message = CreateMessage(RequestMethod.Post, Resolve(pathAndQuery));
            Response response = await SendCheckedAsync(message, verbose, null, cancellationToken).ConfigureAwait(false);
            return response.Status;
        }

        /// <summary>
        /// POST a JSON body and parse the JSON answer; throws <see cref="ArmRequestException"/> on a non-success status.
        /// <paramref name="onResponse"/> reads the final response's headers first, success or not (quota headers ride on
        /// both); <paramref name="classifier"/> lets a caller that paces its own quota take 429 retries from the pipeline.
        /// </summary>
        public async Task<JsonDocument> PostJsonAsync(string pathAndQuery, byte[] body, Action<string>? verbose,
            Action<Func<string, string?>>? onResponse, ResponseClassifier? classifier, CancellationToken cancellationToken)
        {
            using HttpMessage message = CreateMessage(RequestMethod.Post, Resolve(pathAndQuery));
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(body);
            if (classifier is not null) message.ResponseClassifier = classifier;
            return await SendForJsonAsync(message, verbose, cancellationToken, onResponse).ConfigureAwait(false);
        }

        /// <summary>
        /// Lists every item of a pageable ARM collection, following nextLink verbatim. A nextLink to
        /// another host is refused (it would receive our bearer token), and a nextLink that repeats
        /// ends the listing instead of looping.
        /// </summary>
        public async IAsyncEnumerable<JsonElement> ListAsync(
            string pathAndQuery, Action<string>? verbose, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Uri? next = Resolve(pathAndQuery);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (next is not null)
            {
                if (!seen.Add(next.AbsoluteUri))
                {
                    verbose?.Invoke($"nextLink repeated ({Describe(next)}); stopping.");
                    yield break;
                }
                using JsonDocument page = await ReadAsync(next, verbose, cancellationToken).ConfigureAwait(false);
                if (page.RootElement.TryGetProperty("value", out JsonElement items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement item in items.EnumerateArray()) yield return item.Clone();
                }
                next = ReadNextLink(page.RootElement);
            }
        }

        private Uri? ReadNextLink(JsonElement root)
        {
            if (!root.TryGetProperty("nextLink", out JsonElement link) || link.ValueKind != JsonValueKind.String) return null;
            string? text = link.GetString();
            if (string.IsNullOrWhiteSpace(text)) return null;
            Uri uri = Resolve(text!);
            if (!string.Equals(uri.Host, _endpoint.Host, StringComparison.OrdinalIgnoreCase) || uri.Scheme != Uri.UriSchemeHttps)
                throw new ArmRequestException(0, "UntrustedNextLink",
                    $"The service returned a nextLink to '{uri.Scheme}://{uri.Host}', which is not the Resource Manager endpoint '{_endpoint.Host}'; it was not followed.", null);
            return uri;
        }

        private Uri Resolve(string pathOrUrl) =>
            Uri.TryCreate(pathOrUrl, UriKind.Absolute, out Uri? absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
                ? absolute
                : new Uri(_endpoint, pathOrUrl.TrimStart('/'));

        private HttpMessage CreateMessage(RequestMethod method, Uri uri)
        {
            HttpMessage message = _pipeline.CreateMessage();
            message.Request.Method = method;
            message.Request.Uri.Reset(uri);
            message.Request.Headers.Add("Accept", "application/json");
            return message;
        }

        /// <summary>
        /// GET and parse, with a second identical request if the first is late (<see cref="ReadHedging"/>): whichever
        /// answers first with success wins and the other is cancelled. "Late" is the current try's time in flight, so a
        /// read is never hedged while it waits to retry (a 503's Retry-After, say) or while its subscription is held back
        /// after a 429, and its retry is hedged if that is late in turn.
        /// </summary>
        private async Task<JsonDocument> ReadAsync(Uri uri, Action<string>? verbose, CancellationToken cancellationToken)
        {
            string kind = ReadHedging.KindOf(uri);
            var watch = Stopwatch.StartNew();
            TimeSpan? hedgeAfter = Hedging.DelayFor(kind);
            if (hedgeAfter is null) return await ReadOnceAsync(CreateMessage(RequestMethod.Get, uri), kind, verbose, cancellationToken).ConfigureAwait(false);

            using var primaryCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            HttpMessage primaryMessage = CreateMessage(RequestMethod.Get, uri);
            AttemptTracker tries = AttemptTracker.AttachTo(primaryMessage);
            Request primaryRequest = primaryMessage.Request;
            Task<JsonDocument> primary = ReadOnceAsync(primaryMessage, kind, verbose, primaryCancel.Token);
            if (!await LateAsync(primary, tries, primaryRequest, hedgeAfter.Value, cancellationToken).ConfigureAwait(false) || !Hedging.TryStartHedge())
                return await primary.ConfigureAwait(false);

            verbose?.Invoke($"GET {Describe(uri)} has taken {watch.ElapsedMilliseconds} ms; sending it again and taking whichever answers first.");
            using var hedgeCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<JsonDocument> hedge = ReadOnceAsync(CreateMessage(RequestMethod.Get, uri), kind, verbose, hedgeCancel.Token);
            Task<JsonDocument> first = await Task.WhenAny(primary, hedge).ConfigureAwait(false);
            Task<JsonDocument> other = first == primary ? hedge : primary;
            if (first.Status != TaskStatus.RanToCompletion && !IsDefinitive(first) && !cancellationToken.IsCancellationRequested)
            {
                // The first to finish failed in a way the other may not (a reset connection, retries used up): wait for it;
                // if it fails too, the first error stands. A 403 or 404 is the service's answer, whichever request brings it.
                (first, other) = (other, first);
                await ((Task)first).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                if (first.Status != TaskStatus.RanToCompletion) (first, other) = (other, first);
            }
            (first == primary ? hedgeCancel : primaryCancel).Cancel();
            Abandon(other);
            if (first == hedge && first.Status == TaskStatus.RanToCompletion)
            {
                Hedging.NoteHedgeWon();
                Hedging.Record(kind, watch.Elapsed); // the first request's latency so far: a lower bound of the tail it was in
            }
            return await first.ConfigureAwait(false);
        }

        /// <summary>
        /// Waits until the read's current try has been in flight for <paramref name="after"/> (true), or the read is over
        /// or cancelled (false). Between tries (a retry's back-off, a 429 hold) nothing counts.
        /// </summary>
        private async Task<bool> LateAsync(Task read, AttemptTracker tries, Request request, TimeSpan after, CancellationToken cancellationToken)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                while (!read.IsCompleted && !cancellationToken.IsCancellationRequested)
                {
                    TimeSpan? age = tries.CurrentTryAge;
                    if (age >= after && _governor?.IsHeld(request) != true) return true;
                    TimeSpan wait = age is TimeSpan inFlight && inFlight < after ? after - inFlight : TimeSpan.FromTicks(Math.Max(after.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks));
                    await Task.WhenAny(read, Task.Delay(wait, timer.Token)).ConfigureAwait(false);
                }
                return false;
            }
            finally
            {
                timer.Cancel(); // ends a pending delay
            }
        }

        private static bool IsDefinitive(Task<JsonDocument> failed) =>
            failed.Exception?.InnerException is ArmRequestException { Status: >= 400 and < 500 and not 408 and not 429 };

        /// <summary>The losing request: cancelled already; its document, should it still arrive, is released and its error observed.</summary>
        private static void Abandon(Task<JsonDocument> loser) =>
            loser.ContinueWith(t =>
            {
                if (t.Status == TaskStatus.RanToCompletion) t.Result.Dispose();
                else _ = t.Exception;
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        /// <summary>
        /// One read. Its latency feeds the hedging percentiles only if it went out once and straight away: a retry's
        /// back-off or a wait for another request's Retry-After is not how long this kind of read takes.
        /// </summary>
        private async Task<JsonDocument> ReadOnceAsync(HttpMessage message, string kind, Action<string>? verbose, CancellationToken cancellationToken)
        {
            using (message)
            {
                AttemptTracker tries = AttemptTracker.Of(message) ?? AttemptTracker.AttachTo(message);
                var watch = Stopwatch.StartNew();
                JsonDocument document = await SendForJsonAsync(message, verbose, cancellationToken).ConfigureAwait(false);
                if (tries.Tries == 1 && !tries.WasHeld) Hedging.Record(kind, watch.Elapsed);
                return document;
            }
        }

        private async Task<JsonDocument> SendForJsonAsync(HttpMessage message, Action<string>? verbose, CancellationToken cancellationToken,
            Action<Func<string, string?>>? onResponse = null)
        {
            Response response = await SendCheckedAsync(message, verbose, onResponse, cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(response.ContentStream ?? System.IO.Stream.Null, default, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Sends through the pipeline, notes the outcome on the verbose stream, and throws on a non-success status.</summary>
        private async Task<Response> SendCheckedAsync(HttpMessage message, Action<string>? verbose, Action<Func<string, string?>>? onResponse,
            CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            Response response = message.Response;
            verbose?.Invoke($"{message.Request.Method} {Describe(message.Request.Uri.ToUri())} -> {response.Status} ({watch.ElapsedMilliseconds} ms)");
            onResponse?.Invoke(name => response.Headers.TryGetValue(name, out string? value) ? value : null);
            if (response.Status is < 200 or >= 300) throw ToException(response);
            return response;
        }

        private static ArmRequestException ToException(Response response)
        {
            string? code = null;
            string message = $"The service returned HTTP {response.Status}.";
            try
            {
                using JsonDocument body = JsonDocument.Parse(response.Content.ToMemory());
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("error", out JsonElement error))
                {
                    if (error.TryGetProperty("code", out JsonElement c)) code = c.GetString();
                    if (error.TryGetProperty("message", out JsonElement m) && m.GetString() is { Length: > 0 } text) message = text;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Non-JSON error bodies (gateways, proxies) keep the generic message.
            }
            response.Headers.TryGetValue("x-ms-request-id", out string? requestId);
            response.Headers.TryGetValue("Retry-After", out string? retryAfter);
            return new ArmRequestException(response.Status, code, message, requestId, retryAfter);
        }

        /// <summary>Path and api-version only: continuation tokens are noise in verbose output.</summary>
        private static string Describe(Uri uri) => uri.AbsolutePath + (uri.Query.Contains("skiptoken", StringComparison.OrdinalIgnoreCase) ? " (next page)" : string.Empty);
    }
}
