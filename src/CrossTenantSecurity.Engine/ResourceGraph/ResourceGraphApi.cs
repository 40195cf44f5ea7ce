using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>The Resource Graph operation and its documented limits (azure-api-reference.md section 4).</summary>
    internal static class ResourceGraphApi
    {
        public const string Path = "providers/Microsoft.ResourceGraph/resources?api-version=" + ApiVersions.ResourceGraph;
        /// <summary>Rows per page: options.$top may be 1-1000.</summary>
        public const int MaxPageSize = 1000;
        /// <summary>Subscriptions per request, as the az CLI extension batches them.</summary>
        public const int MaxSubscriptionsPerRequest = 1000;
        /// <summary>Azure's default per-principal quota (15 requests per 5 s); assumed until a response says otherwise.</summary>
        public const int DefaultQuota = 15;
    }
}
