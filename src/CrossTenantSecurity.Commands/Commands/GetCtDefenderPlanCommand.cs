using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Defender plans (pricings) per subscription.</summary>
    [Cmdlet(VerbsCommon.Get, "CtDefenderPlan", HelpUri = HelpUris.Prefix + "Get-CtDefenderPlan.md")]
    [OutputType(typeof(DefenderPlan))]
    public sealed class GetCtDefenderPlanCommand : CtPostureCmdlet<DefenderPlan>
    {
        /// <summary>Only these plans (wildcards allowed), e.g. VirtualMachines, Storage*.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DefenderPlanCompleter))]
        public string[]? Plan { get; set; }

        internal override string ErrorNoun => "DefenderPlan";
        internal override string ProgressActivity => "Reading Defender plans";

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<DefenderPlan> sink, CancellationToken cancellationToken) =>
            client.GetDefenderPlansAsync(query, new DefenderPlanFilter { Plans = Plan ?? System.Array.Empty<string>() }, sink, cancellationToken);
    }
}
