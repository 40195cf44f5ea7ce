using Azure.Core;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>Azure.Core's options for a pipeline the session builds itself (ClientOptions is abstract).</summary>
    internal sealed class SessionClientOptions : ClientOptions
    {
    }
}
