using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Secure score per subscription, or per customer with -AggregateBy Tenant.</summary>
    [Cmdlet(VerbsCommon.Get, "CtSecureScore", HelpUri = HelpUris.Prefix + "Get-CtSecureScore.md")]
    [OutputType(typeof(SecureScore), typeof(TenantSecureScore))]
    public sealed class GetCtSecureScoreCommand : CtPostureCmdlet<SecureScore>
    {
        [Parameter]
        [ValidateSet("Subscription", "Tenant")]
        public string AggregateBy { get; set; } = "Subscription";

        internal override string ErrorNoun => "SecureScore";
        internal override string ProgressActivity => "Reading secure scores";

        internal override void Run(CrossTenantClient client, PostureQuery query)
        {
            if (AggregateBy == "Tenant") RunStreaming<TenantSecureScore>((sink, token) => client.GetTenantSecureScoresAsync(query, sink, token));
            else base.Run(client, query);
        }

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<SecureScore> sink, CancellationToken cancellationToken) =>
            client.GetSecureScoresAsync(query, sink, cancellationToken);
    }
}
