using System;
using System.Management.Automation;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>Case-insensitive wildcard patterns from a parameter; no patterns match everything.</summary>
    internal sealed class WildcardFilter
    {
        private readonly WildcardPattern[] _patterns;

        public WildcardFilter(string[]? patterns) =>
            _patterns = patterns is { Length: > 0 } ? Array.ConvertAll(patterns, p => new WildcardPattern(p, WildcardOptions.IgnoreCase)) : Array.Empty<WildcardPattern>();

        public bool IsEmpty => _patterns.Length == 0;

        public bool Matches(string? value) => IsEmpty || (value is not null && Array.Exists(_patterns, p => p.IsMatch(value)));
    }
}
