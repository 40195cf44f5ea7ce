using System.Collections.Generic;

namespace CrossTenantSecurity.Commands.Environments
{
    /// <summary>
    /// The shape of environments.json. It has room only for names, endpoint URLs and audiences: a token or a
    /// secret has nowhere to go.
    /// </summary>
    internal sealed class SavedEnvironmentsDocument
    {
        public int Version { get; set; } = 1;
        public List<SavedEnvironment> Environments { get; set; } = new List<SavedEnvironment>();
    }
}
