using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.History;
using CrossTenantSecurity.Engine.Ingestion;
using CrossTenantSecurity.Engine.Session;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine
{
    /// <summary>Posture history in Log Analytics: upload through Logs Ingestion, read back through the query API.</summary>
    public partial class CrossTenantClient
    {
        /// <summary>The session's one transport, for gateways made on demand (null on a client built by a test around a bare gateway).</summary>
        internal ServiceTransport? Transport { get; init; }

        private ServiceTransport RequireTransport() =>
            Transport ?? throw new InvalidOperationException("This session has no service transport.");

        /// <summary>
        /// Sends the snapshot's rows (one per customer and subscription) to the rule's stream; <paramref name="local"/>
        /// is the SQLite entry of the same snapshot, carried into the result. A refused batch throws Ingestion.BatchRefused.
        /// </summary>
        public virtual async Task<PostureUpload> UploadPostureSnapshotAsync(PostureSnapshot snapshot, LogsIngestionTarget target, string? moduleVersion,
            SavedPostureSnapshot? local, Action<string>? verbose, CancellationToken cancellationToken = default)
        {
            try
            {
                return await PostureUploader.UploadAsync(new LogsIngestionGateway(RequireTransport(), Tokens), snapshot, target, moduleVersion, local, verbose, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (TokenRequestException e)
            {
                throw new CrossTenantException("Ingestion.TokenRefused", CrossTenantErrorKind.Authentication,
                    $"No Azure Monitor token for the upload: {e.Message}", e.RecommendedAction, e);
            }
        }

        /// <summary>Trend points from the CtPostureHistory_CL table of the workspace (its customerId), as the SQLite history gives them.</summary>
        public virtual async Task<IReadOnlyList<PostureTrendPoint>> GetWorkspaceTrendAsync(Guid workspaceId, TrendQuery query, Action<string>? verbose,
            CancellationToken cancellationToken = default)
        {
            string kql = WorkspaceTrendKql.Build(query);
            verbose?.Invoke("KQL: " + kql.Replace("\n", " ", StringComparison.Ordinal));
            LogAnalyticsResult result;
            try
            {
                result = await new LogAnalyticsGateway(RequireTransport(), Tokens).QueryAsync(workspaceId, kql, null, null, verbose, cancellationToken).ConfigureAwait(false);
            }
            catch (TokenRequestException e)
            {
                throw new CrossTenantException("History.WorkspaceQueryFailed", CrossTenantErrorKind.Authentication,
                    $"No Log Analytics token to read workspace {workspaceId}: {e.Message}", e.RecommendedAction, e);
            }
            catch (ServiceRequestException e)
            {
                throw new CrossTenantException("History.WorkspaceQueryFailed", e.Status is 401 or 403 ? CrossTenantErrorKind.Authentication
                        : e.Status == 404 ? CrossTenantErrorKind.NotFound : CrossTenantErrorKind.Unknown,
                    $"The trend could not be read from workspace {workspaceId}: {e.Status} {e.ErrorCode}: {e.Message}",
                    "Pass the workspace's id (customerId GUID); the signed-in principal needs Log Analytics Reader on it, and the table CtPostureHistory_CL must exist.", e);
            }
            LogAnalyticsTable? table = result.Tables.FirstOrDefault();
            return table is null ? Array.Empty<PostureTrendPoint>() : WorkspaceTrendReader.Read(table, query);
        }
    }
}
