using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Exposes the ARM client's pipeline (credential, retries, diagnostics) so that calls without an SDK
    /// package (Microsoft.Security, ManagedServices, Resource Graph) share the one client of the session.
    /// </summary>
    internal sealed class PipelineAccess : ArmResource
    {
        public PipelineAccess(ArmClient client)
            : base(client, new ResourceIdentifier("/"))
        {
        }

        public HttpPipeline ArmPipeline => Pipeline;
    }
}
