using System;
using System.Collections.Generic;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Changes the state of alerts piped from Get-CtAlert, or named by ARM id (objects from Import-Csv,
    /// Import-Clixml or a thread job bind by their Id). Needs Security Admin or Contributor in the delegation.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CtAlertState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = ParameterSets.AlertObject, HelpUri = HelpUris.Prefix + "Set-CtAlertState.md")]
    [OutputType(typeof(Alert))]
    public sealed class SetCtAlertStateCommand : CtCmdlet
    {
        private readonly List<Alert> _alerts = new List<Alert>();
        private readonly List<string> _ids = new List<string>();

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ParameterSets.AlertObject)]
        [ValidateNotNull]
        public Alert[] InputObject { get; set; } = Array.Empty<Alert>();

        /// <summary>The alert's ARM id; bound by property name (Id or ResourceId) from any object.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ParameterSets.AlertId)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] ResourceId { get; set; } = Array.Empty<string>();

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
            if (ParameterSetName == ParameterSets.AlertId)
            {
                _ids.AddRange(ResourceId);
                return;
            }
            foreach (Alert alert in InputObject) AddIfConfirmed(alert);
        }

        protected override void EndProcessing()
        {
            if (_alerts.Count == 0 && _ids.Count == 0) return;
            CrossTenantClient client = RequireClient();
            if (_ids.Count > 0)
            {
                // Ids name no customer: find each one's subscription first (a read), then ask per alert.
                IReadOnlyList<Alert> resolved = Array.Empty<Alert>();
                RunStreaming<Alert>(async (sink, token) => resolved = await client.ResolveAlertIdsAsync(_ids, sink, token).ConfigureAwait(false));
                foreach (Alert alert in resolved) AddIfConfirmed(alert);
            }
            if (_alerts.Count == 0) return;
            var state = (AlertState)Enum.Parse(typeof(AlertState), State, ignoreCase: true);
            RunStreaming<Alert>((sink, token) => client.SetAlertStatesAsync(_alerts, state, PassThru, ThrottleLimit, sink, token));
        }

        private void AddIfConfirmed(Alert alert)
        {
            string what = alert.DisplayName is null ? alert.Name : $"{alert.DisplayName} ({alert.Name})";
            if (ShouldProcess($"{what} in {alert.SubscriptionName} of {alert.TenantName ?? alert.TenantId.ToString()}", $"Set state to {State}"))
                _alerts.Add(alert);
        }
    }
}
