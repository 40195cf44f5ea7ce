using System;
using System.Linq;
using System.Management.Automation;

namespace CrossTenantSecurity.Commands.Completion
{
    /// <summary>
    /// What the user has typed so far, as a test on a candidate's id and name: case-insensitive, quotes
    /// ignored, any part of the name or id matches, and wildcards (North*Tr) work as in -like.
    /// </summary>
    internal sealed class CompletionFilter
    {
        private readonly string _typed;
        private readonly WildcardPattern? _pattern;

        public CompletionFilter(string? wordToComplete)
        {
            _typed = (wordToComplete ?? string.Empty).Trim().Trim('\'', '"');
            if (WildcardPattern.ContainsWildcardCharacters(_typed))
                _pattern = new WildcardPattern("*" + _typed.Trim('*') + "*", WildcardOptions.IgnoreCase);
        }

        public bool Matches(params string?[] texts) =>
            _typed.Length == 0 || texts.Any(text => text is not null && (_pattern is null
                ? text.IndexOf(_typed, StringComparison.OrdinalIgnoreCase) >= 0
                : _pattern.IsMatch(text)));

        /// <summary>Candidates whose id or name starts with what was typed are listed first.</summary>
        public int Rank(params string?[] texts) =>
            _typed.Length > 0 && texts.Any(text => text is not null && text.StartsWith(_typed, StringComparison.OrdinalIgnoreCase)) ? 0 : 1;
    }
}
