using System;
using System.Collections.Generic;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Changes the state of alerts piped from Get-CtAlert (needs Security Admin or Contributor in the delegation).</summary>
    [Cmdlet(VerbsCommon.Set, "CtAlertState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Alert))]
    public sealed class SetCtAlertStateCommand : CtCmdlet
    {
        private readonly List<Alert> _alerts = new List<Alert>();

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Alert[] InputObject { get; set; } = Array.Empty<Alert>();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("Active", "InProgress", "Resolved", "Dismissed")]
        public string State { get; set; } = string.Empty;

        /// <summary>Returns each alert as read back after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 64;

        internal override string ErrorNoun => "AlertState";
        internal override string ProgressActivity => "Changing alert states";

        protected override void ProcessRecord()
        {
            foreach (Alert alert in InputObject)
            {
                if (ShouldProcess($"{alert.DisplayName} ({alert.Name}) in {alert.SubscriptionName} of {alert.TenantName ?? alert.TenantId.ToString()}", $"Set state to {State}"))
                    _alerts.Add(alert);
            }
        }

        protected override void EndProcessing()
        {
            if (_alerts.Count == 0) return;
            CrossTenantClient client = RequireClient();
            var state = (AlertState)Enum.Parse(typeof(AlertState), State, ignoreCase: true);
            RunStreaming<Alert>((sink, token) => client.SetAlertStatesAsync(_alerts, state, PassThru, ThrottleLimit, sink, token));
        }
    }
}
