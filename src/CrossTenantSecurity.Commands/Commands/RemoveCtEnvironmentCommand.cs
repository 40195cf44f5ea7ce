using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Environments;
using CrossTenantSecurity.Commands.Infrastructure;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Removes a custom cloud from this process and from the current user's saved environments.</summary>
    [Cmdlet(VerbsCommon.Remove, "CtEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpUris.Prefix + "Remove-CtEnvironment.md")]
    [OutputType(typeof(CloudEnvironment))]
    public sealed class RemoveCtEnvironmentCommand : CtCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Returns each environment removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override string ErrorNoun => "Environment";

        protected override void ProcessRecord()
        {
            IReadOnlyList<CloudEnvironment> known = EnvironmentCatalog.List(WriteWarning);
            foreach (string name in Name)
            {
                CloudEnvironment? environment = EnvironmentCatalog.Named(known, name);
                if (environment is null)
                {
                    WriteError(EnvironmentErrors.NotFound(name, known));
                    continue;
                }
                if (environment.IsBuiltIn)
                {
                    WriteError(EnvironmentErrors.BuiltIn(environment.Name, "removed"));
                    continue;
                }
                if (!ShouldProcess($"{environment.Name} ({environment.Source}, {environment.ResourceManagerUrl})", "Remove environment")) continue;
                try
                {
                    EnvironmentCatalog.Remove(environment.Name, WriteWarning);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    WriteError(EnvironmentErrors.SaveFailed(environment.Name, e));
                    continue;
                }
                if (PassThru) WriteObject(environment);
            }
        }
    }
}
