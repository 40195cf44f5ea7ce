using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// What a runspace has set up: its own sign-in. Kept per runspace so that parallel runspaces (and parallel
    /// tests) signed in to different tenants never see each other's session; a sign-in made with -Scope Process
    /// is the fallback for every runspace without one of its own. Clouds are not per runspace: see EnvironmentCatalog.
    /// </summary>
    internal sealed class CtSessionState
    {
        /// <summary>This runspace's own sign-in (Connect-CtAccount -Scope Runspace).</summary>
        public CrossTenantClient? RunspaceClient { get; set; }

        /// <summary>The sign-in commands use: one credential and one ARM pipeline for every command.</summary>
        public CrossTenantClient? Client => RunspaceClient ?? SessionRegistry.ProcessClient;

        /// <summary>Where <see cref="Client"/> comes from, or null when not signed in.</summary>
        public ContextScope? ClientScope => RunspaceClient is not null ? ContextScope.Runspace : SessionRegistry.ProcessClient is not null ? ContextScope.Process : null;
    }
}
