using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Completion
{
    /// <summary>What the tenant and subscription completers share: the session, the wait, and the list item text.</summary>
    internal static class ScopeCompletion
    {
        /// <summary>How long a Tab waits for a cold listing; the listing itself carries on and fills the cache.</summary>
        public static readonly TimeSpan ListingWait = TimeSpan.FromSeconds(3);

        /// <summary>The runspace's signed-in client, or null: no sign-in, no request.</summary>
        public static CrossTenantClient? SignedInClient() => SessionRegistry.For(Runspace.DefaultRunspace).Client;

        /// <summary>Completion must never throw or hang at the prompt: any failure is simply no candidates.</summary>
        public static IReadOnlyList<T> Read<T>(Func<CancellationToken, Task<IReadOnlyList<T>>> read)
        {
            try
            {
                using var timeout = new CancellationTokenSource(ListingWait + TimeSpan.FromSeconds(1));
                return read(timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                return Array.Empty<T>();
            }
        }

        /// <summary>"Northwind Traders (22222222…)": the name, and enough of the id to tell two alike apart.</summary>
        public static string ListItemText(string? name, string id) =>
            string.IsNullOrWhiteSpace(name) ? id : $"{name} ({ShortId(id)}…)";

        private static string ShortId(string id)
        {
            int dash = id.IndexOf('-');
            return dash > 0 ? id.Substring(0, dash) : id;
        }
    }
}
