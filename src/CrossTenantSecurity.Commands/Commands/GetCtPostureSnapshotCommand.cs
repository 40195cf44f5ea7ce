using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Every posture kind of every subscription in scope, read in one fan-out and summarised as it streams into one
    /// PostureSnapshot. Per-scope failures are written as non-terminating errors (under each kind's noun) and kept in
    /// the snapshot's Failures.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtPostureSnapshot", HelpUri = HelpUris.Prefix + "Get-CtPostureSnapshot.md")]
    [OutputType(typeof(PostureSnapshot))]
    public sealed class GetCtPostureSnapshotCommand : CtPostureCmdlet<PostureSnapshot>
    {
        /// <summary>Keep every row read (scores, controls, assessments, alerts, plans, standards, delegations) in the snapshot's Detail.</summary>
        [Parameter]
        public SwitchParameter IncludeDetail { get; set; }

        internal override string ErrorNoun => "PostureSnapshot";
        internal override string ProgressActivity => "Taking a posture snapshot";

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<PostureSnapshot> sink, CancellationToken cancellationToken) =>
            client.GetPostureSnapshotAsync(query, IncludeDetail, sink, cancellationToken);
    }
}
