using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Defender recommendations (assessments joined with their metadata) across every subscription.</summary>
    [Cmdlet(VerbsCommon.Get, "CtRecommendation", HelpUri = HelpUris.Prefix + "Get-CtRecommendation.md")]
    [OutputType(typeof(Recommendation))]
    public sealed class GetCtRecommendationCommand : CtPostureCmdlet<Recommendation>
    {
        [Parameter]
        [ValidateSet("Healthy", "Unhealthy", "NotApplicable")]
        public string[] Status { get; set; } = { "Unhealthy" };

        [Parameter]
        [ValidateSet("High", "Medium", "Low")]
        public string[]? Severity { get; set; }

        internal override string ErrorNoun => "Recommendation";
        internal override string ProgressActivity => "Reading recommendations";

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<Recommendation> sink, CancellationToken cancellationToken) =>
            client.GetRecommendationsAsync(query, new RecommendationFilter { Statuses = Status, Severities = Severity ?? System.Array.Empty<string>() }, sink, cancellationToken);
    }
}
