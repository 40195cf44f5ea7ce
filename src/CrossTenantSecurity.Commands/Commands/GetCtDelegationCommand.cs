using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Azure Lighthouse delegations of every subscription: offer, scope, managing tenant, roles.</summary>
    [Cmdlet(VerbsCommon.Get, "CtDelegation", HelpUri = HelpUris.Prefix + "Get-CtDelegation.md")]
    [OutputType(typeof(Delegation))]
    public sealed class GetCtDelegationCommand : CtPostureCmdlet<Delegation>
    {
        internal override string ErrorNoun => "Delegation";
        internal override string ProgressActivity => "Reading Lighthouse delegations";

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<Delegation> sink, CancellationToken cancellationToken) =>
            client.GetDelegationsAsync(query, sink, cancellationToken);
    }
}
