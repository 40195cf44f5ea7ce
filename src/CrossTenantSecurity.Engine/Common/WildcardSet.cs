using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.Common
{
    /// <summary>Values that match any of several <see cref="WildcardPattern"/>s; no patterns match every value.</summary>
    internal sealed class WildcardSet
    {
        public static readonly WildcardSet Any = new WildcardSet(Array.Empty<WildcardPattern>());

        private readonly WildcardPattern[] _patterns;

        private WildcardSet(WildcardPattern[] patterns) => _patterns = patterns;

        public bool IsEmpty => _patterns.Length == 0;

        /// <exception cref="ArgumentException">A pattern is not valid.</exception>
        public static WildcardSet Parse(IEnumerable<string>? patterns)
        {
            WildcardPattern[] parsed = (patterns ?? Array.Empty<string>()).Select(WildcardPattern.Parse).ToArray();
            return parsed.Length == 0 ? Any : new WildcardSet(parsed);
        }

        public bool Matches(string? value) => IsEmpty || Array.Exists(_patterns, p => p.IsMatch(value));
    }
}
