using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// One debug line per try of every request while a <see cref="RequestTrace"/> is set: method, URL, status,
    /// duration, the ids support asks for, and the throttling headers. It writes only what it picks (never the
    /// Authorization header or a body), and every value it writes goes through <see cref="SecretRedactor"/>.
    /// </summary>
    internal sealed class HttpTracePolicy : HttpPipelinePolicy
    {
        private static readonly string[] RequestIdHeaders = { "x-ms-client-request-id" };
        private static readonly string[] ResponseHeaders =
        {
            "x-ms-request-id", "x-ms-correlation-request-id", "client-request-id", "Retry-After", "x-ms-retry-after-ms",
            "x-ms-user-quota-remaining", "x-ms-user-quota-resets-after",
        };

        private readonly string _label;
        private readonly TimeProvider _time;

        public HttpTracePolicy(string label, TimeProvider? time = null)
        {
            _label = label;
            _time = time ?? TimeProvider.System;
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Action<string>? write = RequestTrace.Current;
            if (write is null) { ProcessNext(message, pipeline); return; }
            long started = _time.GetTimestamp();
            try { ProcessNext(message, pipeline); }
            catch (Exception e) { write(Describe(message, started, e)); throw; }
            write(Describe(message, started, null));
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Action<string>? write = RequestTrace.Current;
            if (write is null) { await ProcessNextAsync(message, pipeline).ConfigureAwait(false); return; }
            long started = _time.GetTimestamp();
            try { await ProcessNextAsync(message, pipeline).ConfigureAwait(false); }
            catch (Exception e) { write(Describe(message, started, e)); throw; }
            write(Describe(message, started, null));
        }

        private string Describe(HttpMessage message, long started, Exception? failure)
        {
            var parts = new List<string>();
            Request request = message.Request;
            string outcome = failure is null ? (message.HasResponse ? message.Response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response") : failure.GetType().Name;
            parts.Add($"{_label} {request.Method} {SecretRedactor.Url(request.Uri.ToUri())} -> {outcome} in {(long)_time.GetElapsedTime(started).TotalMilliseconds} ms");
            if (request.Headers.TryGetValue("Authorization", out _)) parts.Add("Authorization: [redacted]");
            foreach (string name in RequestIdHeaders)
            {
                if (request.Headers.TryGetValue(name, out string? value)) parts.Add($"{name}: {SecretRedactor.Text(value)}");
            }
            if (failure is null && message.HasResponse)
            {
                foreach (HttpHeader header in message.Response.Headers)
                {
                    if (IsTraced(header.Name)) parts.Add($"{header.Name}: {SecretRedactor.Text(header.Value)}");
                }
            }
            return string.Join("; ", parts);
        }

        private static bool IsTraced(string name)
        {
            if (name.StartsWith("x-ms-ratelimit-", StringComparison.OrdinalIgnoreCase)) return true;
            foreach (string traced in ResponseHeaders)
            {
                if (string.Equals(traced, name, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }
}
