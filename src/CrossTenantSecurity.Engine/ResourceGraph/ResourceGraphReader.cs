using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>
    /// Reads one batch: sends the query with the batch's subscriptions, streams each page's rows, and follows
    /// $skipToken (same query, same scope) until there is none. Every request passes the quota governor; a 429
    /// waits for the quota reset (or a backoff when the service names none) and is retried a bounded number of times.
    /// </summary>
    internal sealed class ResourceGraphReader
    {
        private readonly ArmGateway _arm;
        private readonly ResourceGraphQuotaGovernor _governor;

        public ResourceGraphReader(ArmGateway arm, ResourceGraphQuotaGovernor governor)
        {
            _arm = arm;
            _governor = governor;
        }

        /// <summary>Attempts per page, the first included.</summary>
        public int MaxAttempts { get; init; } = 5;
        /// <summary>First wait after a 429 that carries neither quota headers nor Retry-After; doubles per attempt, at most 30 s.</summary>
        public TimeSpan FallbackBackoff { get; init; } = TimeSpan.FromSeconds(1);

        public Task ReadBatchAsync(ResourceGraphBatch batch, string query, int pageSize, RowBudget budget,
            IScopeSink<IReadOnlyDictionary<string, object?>> sink, CancellationToken cancellationToken) =>
            ReadBatchAsync(batch, query, pageSize, budget, sink, (row, _) => sink.OnResult(JsonValues.ToRow(row)), cancellationToken);

        /// <summary>Pages through one batch, handing each row (valid only during the call) and the request id of its page to <paramref name="onRow"/>.</summary>
        public async Task ReadBatchAsync<T>(ResourceGraphBatch batch, string query, int pageSize, RowBudget budget,
            IScopeSink<T> sink, Action<JsonElement, string?> onRow, CancellationToken cancellationToken)
        {
            var tokens = new HashSet<string>(StringComparer.Ordinal);
            bool warned = false;
            string? skipToken = null;
            do
            {
                byte[] body = ResourceGraphRequestBody.Write(query, batch.SubscriptionIds, pageSize, skipToken);
                using JsonDocument document = await SendAsync(body, sink.OnVerbose, cancellationToken).ConfigureAwait(false);
                ResourceGraphPage page = ResourceGraphPage.Read(document);
                if (page.Truncated && !warned)
                {
                    warned = true;
                    sink.OnWarning(TruncationWarning(batch, page));
                }
                foreach (JsonElement row in page.Rows)
                {
                    if (!budget.TryTake()) return;
                    onRow(row, page.RequestId);
                }
                skipToken = page.SkipToken;
                if (skipToken is not null && !tokens.Add(skipToken))
                {
                    sink.OnWarning($"Resource Graph repeated a $skipToken for {batch.Describe()}; stopped paging there to avoid a loop.");
                    return;
                }
            }
            while (skipToken is not null && !budget.IsSpent);
        }

        private async Task<JsonDocument> SendAsync(byte[] body, Action<string> verbose, CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                long ticket = await _governor.AcquireAsync(verbose, cancellationToken).ConfigureAwait(false);
                QuotaHeaders? headers = null;
                bool throttled = false;
                try
                {
                    return await _arm.PostJsonAsync(ResourceGraphApi.Path, body, verbose, header => headers = QuotaHeaders.Read(header, _arm.Time),
                        SelfGovernedResponseClassifier.Instance, cancellationToken).ConfigureAwait(false);
                }
                catch (ServiceRequestException e) when (e.Status == 429)
                {
                    throttled = true;
                    TimeSpan wait = _governor.Throttled(ticket, headers, Backoff(attempt));
                    if (attempt >= MaxAttempts) throw;
                    verbose($"Resource Graph throttled the request ({e.ErrorCode ?? "429"}); retrying after {wait.TotalSeconds:F2} s (attempt {attempt + 1} of {MaxAttempts}).");
                }
                finally
                {
                    if (!throttled) _governor.Complete(ticket, headers);
                }
            }
        }

        private TimeSpan Backoff(int attempt) =>
            TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, FallbackBackoff.Ticks << Math.Min(attempt - 1, 10)));

        private static string TruncationWarning(ResourceGraphBatch batch, ResourceGraphPage page)
        {
            string counts = page.TotalRecords is long total ? $" ({page.Rows.Count} of {total} rows)" : string.Empty;
            return $"Resource Graph truncated the result of {batch.Describe()}{counts} and gave no $skipToken, so the remaining rows cannot be paged. " +
                "This happens when the query uses take, limit, top or sample, or does not project the id column. " +
                "Project id (and order by id) to page through every row, and use -First instead of take/limit to cap the output.";
        }
    }
}
