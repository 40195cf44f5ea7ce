using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;

namespace CrossTenantSecurity.Commands
{
    /// <summary>The current sign-in, or nothing when this session is not signed in.</summary>
    [Cmdlet(VerbsCommon.Get, "CtContext", HelpUri = HelpUris.Prefix + "Get-CtContext.md")]
    [OutputType(typeof(Context))]
    public sealed class GetCtContextCommand : CtCmdlet
    {
        internal override string ErrorNoun => "Context";

        protected override void EndProcessing()
        {
            if (Session.Client is { } client) WriteObject(client.Context);
        }
    }
}
