using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Defender for Cloud alerts across every subscription.</summary>
    [Cmdlet(VerbsCommon.Get, "CtAlert", HelpUri = HelpUris.Prefix + "Get-CtAlert.md")]
    [OutputType(typeof(Alert))]
    public sealed class GetCtAlertCommand : CtPostureCmdlet<Alert>
    {
        [Parameter]
        [ValidateSet("Active", "InProgress", "Resolved", "Dismissed")]
        public string[]? Status { get; set; }

        [Parameter]
        [ValidateSet("High", "Medium", "Low", "Informational")]
        public string[]? Severity { get; set; }

        /// <summary>Only alerts that started at or after this time.</summary>
        [Parameter]
        public DateTime? StartTime { get; set; }

        internal override string ErrorNoun => "Alert";
        internal override string ProgressActivity => "Reading alerts";

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<Alert> sink, CancellationToken cancellationToken) =>
            client.GetAlertsAsync(query, new AlertFilter
            {
                Statuses = Status ?? Array.Empty<string>(),
                Severities = Severity ?? Array.Empty<string>(),
                StartTimeAfter = StartTime is DateTime start ? new DateTimeOffset(start.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(start, DateTimeKind.Local) : start) : null,
            }, sink, cancellationToken);
    }
}
