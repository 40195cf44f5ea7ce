using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    internal static class SessionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, CtSessionState> States = new ConditionalWeakTable<Runspace, CtSessionState>();
        private static readonly CtSessionState NoRunspace = new CtSessionState();
        private static CrossTenantClient? _processClient;

        public static CtSessionState For(Runspace? runspace) =>
            runspace is null ? NoRunspace : States.GetValue(runspace, _ => new CtSessionState());

        /// <summary>The sign-in shared by every runspace of the process (Connect-CtAccount -Scope Process), as Az's process context.</summary>
        public static CrossTenantClient? ProcessClient
        {
            get => Volatile.Read(ref _processClient);
            set => Volatile.Write(ref _processClient, value);
        }
    }
}
