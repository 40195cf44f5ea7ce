using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using CrossTenantSecurity.Engine.Session;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// The Log Analytics query API: POST {endpoint}/v1/workspaces/{workspaceId}/query with {query, timespan}, one answer
    /// without paging, authenticated with the managing tenant's token (it reaches delegated workspaces over Lighthouse).
    /// </summary>
    internal sealed class LogAnalyticsGateway
    {
        /// <summary>The service's longest server-side wait for a query (Prefer: wait=600).</summary>
        private static readonly TimeSpan MaximumServerTimeout = TimeSpan.FromMinutes(10);

        /// <summary>How long the service lets a query run when not asked otherwise.</summary>
        private static readonly TimeSpan DefaultServerTimeout = TimeSpan.FromMinutes(3);

        /// <summary>The client waits a little longer than the server, so that a slow query ends as the service's 504, not our timeout.</summary>
        private static readonly TimeSpan ClientMargin = TimeSpan.FromSeconds(30);

        private readonly ServiceCaller _caller;
        private readonly TimeSpan _networkTimeout;

        /// <summary>Over the session's shared transport; throws Environment.ServiceUnavailable when the cloud has no Log Analytics.</summary>
        public LogAnalyticsGateway(ServiceTransport transport, TokenBroker tokens)
        {
            ServiceEndpoint endpoint = transport.Environment.GetEndpoint(CloudService.LogAnalytics);
            _caller = new ServiceCaller(transport.CreatePipeline(new TenantTokenPolicy(tokens, CloudService.LogAnalytics)), CloudService.LogAnalytics, endpoint.Url, transport.Time);
            _networkTimeout = transport.Options.NetworkTimeout;
        }

        /// <summary>
        /// Runs <paramref name="query"/> in the workspace (its customerId GUID) over <paramref name="timespan"/> back from now
        /// (null: the query's own time filter). <paramref name="serverTimeout"/> asks the service to let the query run that
        /// long (Prefer: wait), up to <see cref="MaximumServerTimeout"/>. Throws <see cref="ServiceRequestException"/> on a
        /// non-success status, with the innermost error's reason (a KQL semantic error, say) in its message.
        /// </summary>
        public async Task<LogAnalyticsResult> QueryAsync(Guid workspaceId, string query, TimeSpan? timespan, TimeSpan? serverTimeout,
            Action<string>? verbose, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("The query is empty.", nameof(query));
            if (serverTimeout is TimeSpan asked && (asked <= TimeSpan.Zero || asked > MaximumServerTimeout))
                throw new ArgumentOutOfRangeException(nameof(serverTimeout), asked, $"The service lets a query run at most {MaximumServerTimeout.TotalMinutes:0} minutes.");

            var scope = new RequestScope(CloudService.LogAnalytics, RequestScopeKind.Workspace, workspaceId.ToString(), operation: "query");
            using HttpMessage message = _caller.CreateMessage(RequestMethod.Post, _caller.Resolve($"v1/workspaces/{workspaceId}/query"), scope);
            message.Request.Headers.Add("Content-Type", "application/json");
            if (serverTimeout is TimeSpan wait)
                message.Request.Headers.Add("Prefer", "wait=" + ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
            message.Request.Content = RequestContent.Create(LogAnalyticsQueryBody.Write(query, timespan));
            message.ResponseClassifier = LogAnalyticsResponseClassifier.Instance;
            TimeSpan clientWait = (serverTimeout ?? DefaultServerTimeout) + ClientMargin;
            if (clientWait > _networkTimeout) message.NetworkTimeout = clientWait;

            using JsonDocument answer = await _caller.SendForJsonAsync(message, verbose, cancellationToken).ConfigureAwait(false);
            return LogAnalyticsResult.Read(answer.RootElement);
        }
    }
}
