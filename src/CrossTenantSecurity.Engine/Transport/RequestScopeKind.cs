namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>What kind of scope a request is about (see <see cref="RequestScope"/>).</summary>
    internal enum RequestScopeKind
    {
        /// <summary>A whole tenant: ARM's tenant-level calls (the managing tenant), or one customer tenant's Graph or Defender for Endpoint.</summary>
        Tenant,
        Subscription,
        ResourceGroup,
        /// <summary>A Log Analytics workspace (Sentinel).</summary>
        Workspace,
        /// <summary>A Resource Graph query: the service paces these by its own quota, not by subscription.</summary>
        ResourceGraph,
        /// <summary>A data collection rule's stream (Logs Ingestion uploads).</summary>
        DataCollectionRule,
    }
}
