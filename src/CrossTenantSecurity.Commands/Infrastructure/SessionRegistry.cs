using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// What a runspace has set up: its sign-in. Kept per runspace so that parallel runspaces (and parallel
    /// tests) signed in to different tenants never see each other's session. Clouds are not per runspace:
    /// see EnvironmentCatalog.
    /// </summary>
    internal sealed class CtSessionState
    {
        /// <summary>The signed-in client: one credential and one ARM pipeline for every command.</summary>
        public CrossTenantClient? Client { get; set; }
    }

    internal static class SessionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, CtSessionState> States = new ConditionalWeakTable<Runspace, CtSessionState>();
        private static readonly CtSessionState NoRunspace = new CtSessionState();

        public static CtSessionState For(Runspace? runspace) =>
            runspace is null ? NoRunspace : States.GetValue(runspace, _ => new CtSessionState());
    }
}
