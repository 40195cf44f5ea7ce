using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Secure score controls per subscription; -Top N ranks the controls worth most score across all customers.</summary>
    [Cmdlet(VerbsCommon.Get, "CtSecureScoreControl", HelpUri = HelpUris.Prefix + "Get-CtSecureScoreControl.md")]
    [OutputType(typeof(SecureScoreControl), typeof(SecureScoreControlSummary))]
    public sealed class GetCtSecureScoreControlCommand : CtPostureCmdlet<SecureScoreControl>
    {
        [Parameter]
        [ValidateRange(1, 1000)]
        public int Top { get; set; }

        internal override string ErrorNoun => "SecureScoreControl";
        internal override string ProgressActivity => "Reading secure score controls";

        internal override void Run(CrossTenantClient client, PostureQuery query)
        {
            if (Top == 0)
            {
                base.Run(client, query);
                return;
            }
            RunStreaming<SecureScoreControlSummary>((sink, token) => client.GetTopSecureScoreControlsAsync(query, Top, sink, token));
        }

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<SecureScoreControl> sink, CancellationToken cancellationToken) =>
            client.GetSecureScoreControlsAsync(query, sink, cancellationToken);
    }
}
