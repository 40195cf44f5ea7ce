using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>The outcome of one logical call after retries: a parsed body on 2xx, else the last status (0 = transport failure).</summary>
    internal sealed record CallResult(int Status, JsonDocument? Body, string? Error) : IDisposable
    {
        public bool Succeeded => Status is >= 200 and < 300 && Body is not null;
        public void Dispose() => Body?.Dispose();
    }

    /// <summary>
    /// What Az (Azure.Core) does for one request, with one HttpClient: up to 3 retries of 408/429/500/502/503/504 and
    /// of transport failures (reset, truncated body, per-try timeout), waiting Retry-After when the service sends one
    /// (retry-after-ms, x-ms-retry-after-ms, then Retry-After) and otherwise 0.8 s × 2^try with ±20% jitter, capped at 1 min.
    /// </summary>
    internal sealed class AzLikeRetryingClient
    {
        private static readonly int[] RetriableStatuses = { 408, 429, 500, 502, 503, 504 };
        private readonly HttpClient _http;
        private readonly TimeSpan _networkTimeout;
        private readonly Random _jitter = new(17);

        public AzLikeRetryingClient(HttpClient http, TimeSpan networkTimeout)
        {
            _http = http;
            _networkTimeout = networkTimeout;
        }

        public int MaxRetries { get; init; } = 3;
        public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(0.8);

        public async Task<CallResult> GetAsync(Uri uri, CancellationToken cancellationToken)
        {
            for (int attempt = 0; ; attempt++)
            {
                TimeSpan? serverDelay = null;
                int status = 0;
                string? error;
                using var perTry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                perTry.CancelAfter(_networkTimeout);
                try
                {
                    using HttpResponseMessage response = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, perTry.Token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    byte[] body = await response.Content.ReadAsByteArrayAsync(perTry.Token).ConfigureAwait(false);
                    if (status is >= 200 and < 300) return new CallResult(status, JsonDocument.Parse(body), null);
                    serverDelay = RetryAfter(response);
                    error = ErrorCode(body) ?? $"HTTP {status}";
                    if (!RetriableStatuses.Contains(status) || attempt >= MaxRetries) return new CallResult(status, null, error);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    error = e.GetType().Name;
                    if (attempt >= MaxRetries) return new CallResult(0, null, error);
                }
                await Task.Delay(serverDelay ?? Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        private TimeSpan Backoff(int attempt)
        {
            double jitter;
            lock (_jitter) jitter = 0.8 + _jitter.NextDouble() * 0.4;
            return TimeSpan.FromMilliseconds(Math.Min(60_000, BaseDelay.TotalMilliseconds * (1 << attempt) * jitter));
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            foreach (string header in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
            {
                if (response.Headers.TryGetValues(header, out var values) && double.TryParse(values.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
                    return TimeSpan.FromMilliseconds(ms);
            }
            return response.Headers.RetryAfter?.Delta;
        }

        private static string? ErrorCode(byte[] body)
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body);
                return doc.RootElement.TryGetProperty("error", out JsonElement e) && e.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
