using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Signs out: drops a sign-in's credential, its in-memory token cache and its ARM client. Without -Scope it
    /// drops the sign-in this runspace uses (its own, else the process's); with -Scope exactly that one.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CtAccount", HelpUri = HelpUris.Prefix + "Disconnect-CtAccount.md")]
    [OutputType(typeof(Context))]
    public sealed class DisconnectCtAccountCommand : CtCmdlet
    {
        [Parameter]
        public ContextScope? Scope { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override string ErrorNoun => "Context";

        protected override void EndProcessing()
        {
            ContextScope? scope = Scope ?? Session.ClientScope;
            CrossTenantClient? client = scope switch
            {
                ContextScope.Runspace => Session.RunspaceClient,
                ContextScope.Process => SessionRegistry.ProcessClient,
                _ => null,
            };
            if (client is null)
            {
                WriteVerbose(Scope is null ? "Not signed in; nothing to disconnect." : $"No {Scope} sign-in; nothing to disconnect.");
                return;
            }
            if (scope == ContextScope.Process) SessionRegistry.ProcessClient = null;
            else Session.RunspaceClient = null;
            WriteVerbose($"Signed out of tenant {client.Context.TenantId} ({scope} sign-in); cached tokens were dropped.");
            if (PassThru) WriteObject(client.Context);
        }
    }
}
