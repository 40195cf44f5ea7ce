using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Signs out: drops the session's credential, its in-memory token cache and its ARM client.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CtAccount")]
    [OutputType(typeof(Context))]
    public sealed class DisconnectCtAccountCommand : CtCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override string ErrorNoun => "Context";

        protected override void EndProcessing()
        {
            var client = Session.Client;
            Session.Client = null;
            if (client is null)
            {
                WriteVerbose("Not signed in; nothing to disconnect.");
                return;
            }
            WriteVerbose($"Signed out of tenant {client.Context.TenantId}; cached tokens were dropped.");
            if (PassThru) WriteObject(client.Context);
        }
    }
}
