using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Scopes
{
    /// <summary>
    /// Lists the scopes a command covers (subscriptions, tenants, workspaces...) into <paramref name="sink"/>: each
    /// scope as a result as soon as it is known, each requested scope that does not exist as a failure. It may
    /// report from several threads.
    /// </summary>
    internal delegate Task ScopeSource<TScope>(IScopeSink<TScope> sink, CancellationToken cancellationToken);
}
