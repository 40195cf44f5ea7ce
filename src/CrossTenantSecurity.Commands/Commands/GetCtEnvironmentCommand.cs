using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Environments;
using CrossTenantSecurity.Commands.Infrastructure;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Lists the built-in clouds, the ones saved for the current user and the ones added to this process.</summary>
    [Cmdlet(VerbsCommon.Get, "CtEnvironment", HelpUri = HelpUris.Prefix + "Get-CtEnvironment.md")]
    [OutputType(typeof(CloudEnvironment))]
    public sealed class GetCtEnvironmentCommand : CtCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        public string? Name { get; set; }

        internal override string ErrorNoun => "Environment";

        protected override void ProcessRecord()
        {
            IReadOnlyList<CloudEnvironment> known = EnvironmentCatalog.List(WriteWarning);
            var pattern = new WildcardPattern(string.IsNullOrEmpty(Name) ? "*" : Name, WildcardOptions.IgnoreCase);
            CloudEnvironment[] matches = known.Where(e => pattern.IsMatch(e.Name)).ToArray();
            if (matches.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                WriteError(EnvironmentErrors.NotFound(Name!, known));
                return;
            }
            WriteObject(matches, enumerateCollection: true);
        }
    }
}
