namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>What kind of Azure call a request is; latency, throttling and faults are modelled per class.</summary>
    public enum EndpointClass
    {
        /// <summary>Not modelled (metadata, discovery): passes straight through.</summary>
        Other,
        /// <summary>A small ARM GET: scores, pricings, standards, a subscriptions page.</summary>
        ArmRead,
        /// <summary>A Microsoft.Security list page: assessments, alerts, sub-assessments, regulatory assessments.</summary>
        SecurityList,
        /// <summary>POST /providers/Microsoft.ResourceGraph/resources.</summary>
        ResourceGraph,
        /// <summary>POST /{tenant}/oauth2/.../token.</summary>
        EntraToken,
        /// <summary>ARM PUT, PATCH, POST or DELETE.</summary>
        ArmWrite,
    }
}
