using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Lists the built-in and custom clouds known to this session.</summary>
    [Cmdlet(VerbsCommon.Get, "CtEnvironment", HelpUri = HelpUris.Prefix + "Get-CtEnvironment.md")]
    [OutputType(typeof(CloudEnvironment))]
    public sealed class GetCtEnvironmentCommand : CtCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string? Name { get; set; }

        internal override string ErrorNoun => "Environment";

        protected override void ProcessRecord()
        {
            var pattern = new WildcardPattern(string.IsNullOrEmpty(Name) ? "*" : Name, WildcardOptions.IgnoreCase);
            CloudEnvironment[] matches = Session.Environments.Values
                .Where(e => pattern.IsMatch(e.Name))
                .OrderBy(e => e.IsBuiltIn ? 0 : 1).ThenBy(e => e.Name)
                .ToArray();
            if (matches.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                WriteError(EnvironmentErrors.NotFound(Name!, Session));
                return;
            }
            WriteObject(matches, enumerateCollection: true);
        }
    }
}
