using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Defender plans (pricings) per subscription.</summary>
    [Cmdlet(VerbsCommon.Get, "CtDefenderPlan")]
    [OutputType(typeof(DefenderPlan))]
    public sealed class GetCtDefenderPlanCommand : CtPostureCmdlet<DefenderPlan>
    {
        /// <summary>Only these plans (wildcards allowed), e.g. VirtualMachines, Storage*.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Plan { get; set; }

        internal override string ErrorNoun => "DefenderPlan";
        internal override string ProgressActivity => "Reading Defender plans";

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<DefenderPlan> sink, CancellationToken cancellationToken)
        {
            if (Plan is not { Length: > 0 }) return client.GetDefenderPlansAsync(query, sink, cancellationToken);
            var patterns = System.Array.ConvertAll(Plan, p => new WildcardPattern(p, WildcardOptions.IgnoreCase));
            return client.GetDefenderPlansAsync(query, new FilteringSink<DefenderPlan>(sink, p => System.Array.Exists(patterns, w => w.IsMatch(p.Plan)), _ => { }), cancellationToken);
        }
    }
}
