using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// A fake service (ARM, Graph, Log Analytics: whatever host the request names): routes requests by URI to canned
    /// responses, and records every request, stamped with the test's clock.
    /// </summary>
    internal sealed class FakeArm : HttpPipelineTransport
    {
        private readonly List<(Func<Uri, bool> Match, Func<Uri, FakeResponse> Respond)> _routes = new();
        private readonly List<(string Path, Func<string, FakeResponse> Respond)> _bodyRoutes = new();
        private readonly TimeProvider _time;

        public FakeArm(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

        public ConcurrentQueue<Uri> Requests { get; } = new();

        /// <summary>When each request reached the transport, on the test's clock.</summary>
        public ConcurrentQueue<(Uri Uri, DateTimeOffset At)> Sent { get; } = new();

        /// <summary>Every request with its method, body, Authorization header and send time (timestamps of the test's clock).</summary>
        public ConcurrentQueue<FakeCall> Calls { get; } = new();

        public FakeArm On(Func<Uri, bool> match, Func<Uri, FakeResponse> respond)
        {
            _routes.Add((match, respond));
            return this;
        }

        /// <summary>Answers POSTs to <paramref name="path"/> from the request body.</summary>
        public FakeArm OnPost(string path, Func<string, FakeResponse> respond)
        {
            _bodyRoutes.Add((path, respond));
            return this;
        }

        public FakeArm OnPath(string path, string json, int status = 200) =>
            On(u => u.AbsolutePath == path && !u.Query.Contains("skiptoken", StringComparison.OrdinalIgnoreCase), _ => new FakeResponse(status, json));

        public override Request CreateRequest() => new FakeRequest();

        public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            Uri uri = message.Request.Uri.ToUri();
            Requests.Enqueue(uri);
            Sent.Enqueue((uri, _time.GetUtcNow()));
            string body = string.Empty;
            if (message.Request.Content is { } content)
            {
                using var buffer = new MemoryStream();
                content.WriteTo(buffer, default);
                body = Encoding.UTF8.GetString(buffer.ToArray());
            }
            Calls.Enqueue(new FakeCall(uri, message.Request.Method.Method, body, _time.GetTimestamp(), Header(message.Request, "Authorization"), Header(message.Request, "Prefer"),
                Header(message.Request, "Content-Type")));
            if (message.Request.Method == RequestMethod.Post)
            {
                foreach (var route in _bodyRoutes)
                {
                    if (route.Path == uri.AbsolutePath)
                    {
                        message.Response = route.Respond(body);
                        return default;
                    }
                }
            }
            foreach (var route in _routes)
            {
                if (route.Match(uri))
                {
                    message.Response = route.Respond(uri);
                    return default;
                }
            }
            message.Response = new FakeResponse(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no fake route for " + uri.PathAndQuery + "\"}}");
            return default;
        }

        private static string? Header(Request request, string name) => request.Headers.TryGetValue(name, out string? value) ? value : null;
    }

    /// <summary>One request as the fake saw it. The Authorization header is kept for assertions on whose token it is; never print it.</summary>
    internal sealed record FakeCall(Uri Uri, string Method, string Body, long Timestamp, string? Authorization, string? Prefer, string? ContentType = null);

    internal sealed class FakeResponse : Response
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

        public FakeResponse(int status, string body, params (string Name, string Value)[] headers)
        {
            Status = status;
            ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(body));
            foreach (var (name, value) in headers) _headers[name] = value;
        }

        /// <summary>A response whose body is the given stream (a slow or stalling one).</summary>
        public FakeResponse(int status, Stream body)
        {
            Status = status;
            ContentStream = body;
        }

        public override int Status { get; }
        public override string ReasonPhrase => Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        public override Stream? ContentStream { get; set; }
        public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();
        public override void Dispose() => ContentStream?.Dispose();
        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);
        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));
        protected override bool TryGetHeader(string name, out string value) => _headers.TryGetValue(name, out value!);
        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            bool found = _headers.TryGetValue(name, out string? value);
            values = found ? new[] { value! } : Array.Empty<string>();
            return found;
        }
    }

    internal sealed class FakeRequest : Request
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
        public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();
        public override void Dispose() { }
        protected override void AddHeader(string name, string value) => _headers[name] = value;
        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);
        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));
        protected override bool RemoveHeader(string name) => _headers.Remove(name);
        protected override bool TryGetHeader(string name, out string value) => _headers.TryGetValue(name, out value!);
        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            bool found = _headers.TryGetValue(name, out string? value);
            values = found ? new[] { value! } : Array.Empty<string>();
            return found;
        }
    }
}
