using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CrossTenantSecurity.Commands.Environments;

namespace CrossTenantSecurity.Commands.Completion
{
    /// <summary>-Environment / -Name: built-in, saved and process environments (a damaged file just means fewer).</summary>
    public sealed class EnvironmentNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var filter = new CompletionFilter(wordToComplete);
            return EnvironmentCatalog.List(_ => { })
                .Where(e => filter.Matches(e.Name))
                .OrderBy(e => filter.Rank(e.Name))
                .Select(e => new CompletionResult(Quoted(e.Name), e.Name, CompletionResultType.ParameterValue,
                    $"{e.Name} ({e.Source})\n{e.ResourceManagerUrl}"))
                .ToList();
        }

        private static string Quoted(string name) =>
            name.Any(c => char.IsWhiteSpace(c) || "'\"$`;,(){}@&|<>#".IndexOf(c) >= 0) ? "'" + name.Replace("'", "''") + "'" : name;
    }
}
