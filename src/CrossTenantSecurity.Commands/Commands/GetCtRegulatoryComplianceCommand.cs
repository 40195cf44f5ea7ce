using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Regulatory compliance standards per subscription, with their controls on request.</summary>
    [Cmdlet(VerbsCommon.Get, "CtRegulatoryCompliance", HelpUri = HelpUris.Prefix + "Get-CtRegulatoryCompliance.md")]
    [OutputType(typeof(RegulatoryComplianceStandard), typeof(RegulatoryComplianceControl))]
    public sealed class GetCtRegulatoryComplianceCommand : CtPostureCmdlet<object>
    {
        /// <summary>Also emit every control of each standard.</summary>
        [Parameter]
        public SwitchParameter IncludeControls { get; set; }

        /// <summary>Only these standards (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Standard { get; set; }

        internal override string ErrorNoun => "RegulatoryCompliance";
        internal override string ProgressActivity => "Reading regulatory compliance";

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<object> sink, CancellationToken cancellationToken) =>
            client.GetRegulatoryComplianceAsync(query, IncludeControls, new ComplianceFilter { Standards = Standard ?? System.Array.Empty<string>() }, sink, cancellationToken);
    }
}
