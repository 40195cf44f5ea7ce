using System;
using System.Threading;

namespace CrossTenantSecurity.Engine
{
    /// <summary>
    /// Where the HTTP trace of the running command goes (a cmdlet's -Debug stream). Ambient per flow of work
    /// rather than per client, because one client serves many commands and runspaces at once: the requests,
    /// retries, hedges and token requests a command starts are traced to that command only.
    /// </summary>
    public static class RequestTrace
    {
        private static readonly AsyncLocal<Action<string>?> Writer = new AsyncLocal<Action<string>?>();

        /// <summary>Traces every request the calling flow (and the work it starts) sends from now on; null stops it.</summary>
        public static void WriteTo(Action<string>? write) => Writer.Value = write;

        internal static Action<string>? Current => Writer.Value;
    }
}
