using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// What every gateway does with a request: build it against its service's endpoint with its scope attached, send
    /// it through the service's pipeline, note the outcome on the verbose stream, and turn a non-success status into a
    /// <see cref="ServiceRequestException"/>.
    /// </summary>
    internal sealed class ServiceCaller
    {
        private readonly HttpPipeline _pipeline;
        private readonly TimeProvider _time;

        public ServiceCaller(HttpPipeline pipeline, CloudService service, Uri endpoint, TimeProvider time)
        {
            _pipeline = pipeline;
            Service = service;
            Endpoint = endpoint;
            _time = time;
        }

        public CloudService Service { get; }
        public Uri Endpoint { get; }

        /// <summary>An absolute http(s) URL as it is; a path relative to the service's endpoint.</summary>
        public Uri Resolve(string pathOrUrl) =>
            Uri.TryCreate(pathOrUrl, UriKind.Absolute, out Uri? absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
                ? absolute
                : new Uri(Endpoint, pathOrUrl.TrimStart('/'));

        public HttpMessage CreateMessage(RequestMethod method, Uri uri, RequestScope scope)
        {
            HttpMessage message = _pipeline.CreateMessage();
            message.Request.Method = method;
            message.Request.Uri.Reset(uri);
            message.Request.Headers.Add("Accept", "application/json");
            scope.AttachTo(message);
            return message;
        }

        /// <summary>
        /// Sends and parses the JSON answer; <paramref name="onResponse"/> reads the final response's headers first, success or not.
        /// A success whose body is not JSON (empty, an HTML page, cut short) is an <see cref="InvalidResponseException"/>.
        /// </summary>
        public async Task<JsonDocument> SendForJsonAsync(HttpMessage message, Action<string>? verbose, CancellationToken cancellationToken,
            Action<Func<string, string?>>? onResponse = null)
        {
            Response response = await SendCheckedAsync(message, verbose, onResponse, cancellationToken).ConfigureAwait(false);
            string? requestId = RequestIds.Of(response);
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(response.ContentStream ?? Stream.Null, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new InvalidResponseException(UnreadableBody.Describe(response, e), requestId,
                    $"{message.Request.Method} {Describe(message.Request.Uri.ToUri())}", e);
            }
            RequestIds.Remember(document, requestId);
            return document;
        }

        /// <summary>Sends through the pipeline, notes the outcome on the verbose stream, and throws on a non-success status.</summary>
        public async Task<Response> SendCheckedAsync(HttpMessage message, Action<string>? verbose, Action<Func<string, string?>>? onResponse,
            CancellationToken cancellationToken)
        {
            long started = _time.GetTimestamp();
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            Response response = message.Response;
            verbose?.Invoke($"{message.Request.Method} {Describe(message.Request.Uri.ToUri())} -> {response.Status} ({(long)_time.GetElapsedTime(started).TotalMilliseconds} ms)");
            onResponse?.Invoke(name => response.Headers.TryGetValue(name, out string? value) ? value : null);
            if (response.Status is < 200 or >= 300) throw ServiceErrorReader.Read(response, RequestScope.Of(message), _time);
            return response;
        }

        /// <summary>Path only, and whether it is a next page: continuation tokens are noise in verbose output.</summary>
        public static string Describe(Uri uri) => uri.AbsolutePath + (uri.Query.Contains("skiptoken", StringComparison.OrdinalIgnoreCase) ? " (next page)" : string.Empty);
    }
}
