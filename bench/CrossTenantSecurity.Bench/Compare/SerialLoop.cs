using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// Approach (a), what Az users write: get a token, list subscriptions, then for each subscription one call after
    /// another (score, controls, assessment pages, alert pages, pricings, standards). One HttpClient, no concurrency.
    /// </summary>
    internal static class SerialLoop
    {
        public static async Task<ApproachRun> RunAsync(Uri baseUrl, TimeSpan networkTimeout, CancellationToken cancellationToken)
        {
            var ledger = new SubscriptionLedger();
            var watch = Stopwatch.StartNew();
            TimeSpan? firstObject = null;
            long objects = 0, failedCalls = 0;

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = baseUrl, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            string token = await TokenAsync(http, baseUrl, cancellationToken).ConfigureAwait(false);
            TimeSpan tokenTime = watch.Elapsed;
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var client = new AzLikeRetryingClient(http, networkTimeout);

            var subscriptions = new List<string>();
            await foreach (JsonElement item in ListAsync(client, new Uri(baseUrl, "subscriptions?api-version=2022-12-01"), cancellationToken))
            {
                if (item.TryGetProperty("subscriptionId", out JsonElement id) && id.GetString() is { } value) subscriptions.Add(value);
            }
            TimeSpan listingTime = watch.Elapsed - tokenTime;

            foreach (string subscription in subscriptions)
            {
                foreach (AuditCommand command in AuditCommand.All)
                {
                    var uri = new Uri(baseUrl, command.PathFor(subscription));
                    CallOutcome outcome = command.IsList
                        ? await ReadListAsync(client, uri, cancellationToken).ConfigureAwait(false)
                        : await ReadOneAsync(client, uri, cancellationToken).ConfigureAwait(false);
                    if (outcome.Items > 0 && firstObject is null) firstObject = watch.Elapsed;
                    objects += outcome.Items;
                    if (!outcome.Succeeded) failedCalls++;
                    ledger.Mark(subscription, command); // data, or a typed error (status + code): the loop's own bookkeeping
                }
            }
            watch.Stop();
            return new ApproachRun(watch.Elapsed, firstObject, objects, failedCalls, ledger, tokenTime, listingTime, Concurrency: 1);
        }

        private static async Task<string> TokenAsync(HttpClient http, Uri baseUrl, CancellationToken cancellationToken)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = EstateGenerator.AutomationAppId.ToString(),
                ["client_secret"] = EstateGenerator.AutomationSecret,
                ["scope"] = baseUrl.AbsoluteUri + ".default",
            });
            using HttpResponseMessage response = await http.PostAsync($"{EstateGenerator.ManagingTenantId}/oauth2/v2.0/token", form, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return body.RootElement.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("The token response had no access_token.");
        }

        private readonly record struct CallOutcome(bool Succeeded, long Items);

        private static async Task<CallOutcome> ReadOneAsync(AzLikeRetryingClient client, Uri uri, CancellationToken cancellationToken)
        {
            using CallResult result = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            return new CallOutcome(result.Succeeded, result.Succeeded ? 1 : 0);
        }

        private static async Task<CallOutcome> ReadListAsync(AzLikeRetryingClient client, Uri uri, CancellationToken cancellationToken)
        {
            long items = 0;
            Uri? next = uri;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (next is not null && seen.Add(next.AbsoluteUri))
            {
                using CallResult page = await client.GetAsync(next, cancellationToken).ConfigureAwait(false);
                if (!page.Succeeded) return new CallOutcome(false, items);
                items += Items(page.Body!.RootElement).Count;
                next = NextLink(page.Body.RootElement);
            }
            return new CallOutcome(true, items);
        }

        private static async IAsyncEnumerable<JsonElement> ListAsync(AzLikeRetryingClient client, Uri uri, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Uri? next = uri;
            while (next is not null)
            {
                using CallResult page = await client.GetAsync(next, cancellationToken).ConfigureAwait(false);
                if (!page.Succeeded) throw new HttpRequestException($"Listing {uri.AbsolutePath} failed: {page.Status} {page.Error}");
                foreach (JsonElement item in Items(page.Body!.RootElement)) yield return item.Clone();
                next = NextLink(page.Body.RootElement);
            }
        }

        private static List<JsonElement> Items(JsonElement root) =>
            root.TryGetProperty("value", out JsonElement value) && value.ValueKind == JsonValueKind.Array ? new List<JsonElement>(value.EnumerateArray()) : new List<JsonElement>();

        private static Uri? NextLink(JsonElement root) =>
            root.TryGetProperty("nextLink", out JsonElement link) && link.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(link.GetString()) ? new Uri(link.GetString()!) : null;
    }
}
