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
                transport.Options.HedgeReads, transport.Time)
        {
        }

        /// <summary>Over a pipeline built elsewhere (tests); pass the governor inside it so that hedging respects its holds.</summary>
        public ArmGateway(HttpPipeline pipeline, Uri endpoint, ThrottleGovernorPolicy? governor = null, bool hedgeReads = true, TimeProvider? time = null)
        {
            Time = time ?? TimeProvider.System;
            _caller = new ServiceCaller(pipeline, CloudService.ResourceManager, endpoint, Time);
            _governor = governor;
            Hedging = new ReadHedging(hedgeReads);
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

        /// <summary>
        /// GET and parse, with a second identical request if the first is late (<see cref="ReadHedging"/>): whichever
        /// answers first with success wins and the other is cancelled. "Late" is the current try's time in flight, so a
        /// read is never hedged while it waits to retry (a 503's Retry-After, say) or while its bucket is held back
        /// after a 429, and its retry is hedged if that is late in turn.
        /// </summary>
        private async Task<JsonDocument> ReadAsync(Uri uri, RequestScope scope, Action<string>? verbose, CancellationToken cancellationToken)
        {
            long started = Time.GetTimestamp();
            TimeSpan? hedgeAfter = Hedging.DelayFor(scope);
            if (hedgeAfter is null) return await ReadOnceAsync(_caller.CreateMessage(RequestMethod.Get, uri, scope), scope, verbose, cancellationToken).ConfigureAwait(false);

            using var primaryCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            HttpMessage primaryMessage = _caller.CreateMessage(RequestMethod.Get, uri, scope);
            AttemptTracker tries = AttemptTracker.AttachTo(primaryMessage, Time);
            Task<JsonDocument> primary = ReadOnceAsync(primaryMessage, scope, verbose, primaryCancel.Token);
            if (!await LateAsync(primary, tries, scope, hedgeAfter.Value, cancellationToken).ConfigureAwait(false) || !Hedging.TryStartHedge())
                return await primary.ConfigureAwait(false);

            verbose?.Invoke($"GET {ServiceCaller.Describe(uri)} has taken {(long)Time.GetElapsedTime(started).TotalMilliseconds} ms; sending it again and taking whichever answers first.");
            using var hedgeCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<JsonDocument> hedge = ReadOnceAsync(_caller.CreateMessage(RequestMethod.Get, uri, scope), scope, verbose, hedgeCancel.Token);
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
                Hedging.Record(scope, Time.GetElapsedTime(started)); // the first request's latency so far: a lower bound of the tail it was in
            }
            return await first.ConfigureAwait(false);
        }

        /// <summary>
        /// Waits until the read's current try has been in flight for <paramref name="after"/> (true), or the read is over
        /// or cancelled (false). Between tries (a retry's back-off, a 429 hold) nothing counts.
        /// </summary>
        private async Task<bool> LateAsync(Task read, AttemptTracker tries, RequestScope scope, TimeSpan after, CancellationToken cancellationToken)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                while (!read.IsCompleted && !cancellationToken.IsCancellationRequested)
                {
                    TimeSpan? age = tries.CurrentTryAge;
                    if (age >= after && _governor?.IsHeld(scope, RequestMethod.Get) != true) return true;
                    TimeSpan wait = age is TimeSpan inFlight && inFlight < after ? after - inFlight : TimeSpan.FromTicks(Math.Max(after.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks));
                    await Task.WhenAny(read, Task.Delay(wait, Time, timer.Token)).ConfigureAwait(false);
                }
                return false;
            }
            finally
            {
                timer.Cancel(); // ends a pending delay
            }
        }

        private static bool IsDefinitive(Task<JsonDocument> failed) =>
            failed.Exception?.InnerException is ServiceRequestException { Status: >= 400 and < 500 and not 408 and not 429 };

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
        private async Task<JsonDocument> ReadOnceAsync(HttpMessage message, RequestScope scope, Action<string>? verbose, CancellationToken cancellationToken)
        {
            using (message)
            {
                AttemptTracker tries = AttemptTracker.Of(message) ?? AttemptTracker.AttachTo(message, Time);
                long started = Time.GetTimestamp();
                JsonDocument document = await _caller.SendForJsonAsync(message, verbose, cancellationToken).ConfigureAwait(false);
                if (tries.Tries == 1 && !tries.WasHeld) Hedging.Record(scope, Time.GetElapsedTime(started));
                return document;
            }
        }
    }
}
