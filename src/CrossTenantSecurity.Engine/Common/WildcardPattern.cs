using System;
using System.Collections.Generic;
using System.Text;

namespace CrossTenantSecurity.Engine.Common
{
    /// <summary>
    /// A pattern as PowerShell's -like reads it, with no PowerShell types: * (any run), ? (one character),
    /// [abc] and [a-z] (one character of a set), a backtick before a character to take it literally. The whole
    /// value must match, case-insensitively. As in PowerShell, a bracket left open or a reversed range is invalid.
    /// </summary>
    internal sealed class WildcardPattern
    {
        private readonly Element[] _elements;

        private WildcardPattern(string text, Element[] elements)
        {
            Text = text;
            _elements = elements;
        }

        public string Text { get; }

        /// <exception cref="ArgumentException">The pattern is not valid.</exception>
        public static WildcardPattern Parse(string pattern)
        {
            if (pattern is null) throw new ArgumentNullException(nameof(pattern));
            var elements = new List<Element>();
            StringBuilder? set = null;
            var setIsRange = new List<bool>();
            bool escaped = false, setJustOpened = false;
            foreach (char c in pattern)
            {
                bool special = !escaped;
                if (set is not null)
                {
                    if (c == ']' && special && !setJustOpened)
                    {
                        elements.Add(Element.Set(Ranges(set.ToString(), setIsRange, pattern)));
                        set = null;
                    }
                    else if (c != '`' || !special)
                    {
                        set.Append(c);
                        setIsRange.Add(c == '-' && special);
                    }
                    setJustOpened = false;
                }
                else if (c == '*' && special) elements.Add(Element.AnyRun);
                else if (c == '?' && special) elements.Add(Element.AnyOne);
                else if (c == '[' && special)
                {
                    set = new StringBuilder();
                    setIsRange.Clear();
                    setJustOpened = true;
                }
                else if (c != '`' || !special) elements.Add(Element.Literal(c));
                escaped = c == '`' && special;
            }
            if (set is not null) throw Invalid(pattern);
            // A trailing backtick escapes nothing and stands for itself (a pattern of just "`" matches the empty value).
            if (escaped && pattern != "`") elements.Add(Element.Literal('`'));
            return new WildcardPattern(pattern, elements.ToArray());
        }

        public bool IsMatch(string? value)
        {
            if (value is null) return false;
            int p = 0, v = 0, lastRun = -1, resumeAt = 0;
            while (v < value.Length)
            {
                if (p < _elements.Length && _elements[p].Kind == ElementKind.AnyRun)
                {
                    lastRun = p++;
                    resumeAt = v;
                }
                else if (p < _elements.Length && _elements[p].Matches(value[v]))
                {
                    p++;
                    v++;
                }
                else if (lastRun >= 0)
                {
                    // Let the last * take one more character and try again from there.
                    p = lastRun + 1;
                    v = ++resumeAt;
                }
                else return false;
            }
            while (p < _elements.Length && _elements[p].Kind == ElementKind.AnyRun) p++;
            return p == _elements.Length;
        }

        public override string ToString() => Text;

        /// <summary>A set's text as literal characters and ranges; a '-' between two characters makes a range.</summary>
        private static (char From, char To)[] Ranges(string text, List<bool> isRange, string pattern)
        {
            var ranges = new List<(char, char)>();
            for (int i = 0; i < text.Length;)
            {
                if (i + 2 < text.Length && isRange[i + 1])
                {
                    if (text[i] > text[i + 2]) throw Invalid(pattern);
                    ranges.Add((text[i], text[i + 2]));
                    i += 3;
                }
                else
                {
                    ranges.Add((text[i], text[i]));
                    i++;
                }
            }
            return ranges.ToArray();
        }

        private static ArgumentException Invalid(string pattern) =>
            new ArgumentException($"The specified wildcard character pattern is not valid: {pattern}");

        private enum ElementKind { Literal, AnyOne, AnyRun, Set }

        private readonly struct Element
        {
            private readonly char _literal;
            private readonly (char From, char To)[]? _ranges;

            private Element(ElementKind kind, char literal, (char, char)[]? ranges)
            {
                Kind = kind;
                _literal = literal;
                _ranges = ranges;
            }

            public static Element AnyOne => new Element(ElementKind.AnyOne, default, null);
            public static Element AnyRun => new Element(ElementKind.AnyRun, default, null);
            public static Element Literal(char c) => new Element(ElementKind.Literal, c, null);
            public static Element Set((char, char)[] ranges) => new Element(ElementKind.Set, default, ranges);

            public ElementKind Kind { get; }

            public bool Matches(char c) => Kind switch
            {
                ElementKind.AnyOne => true,
                ElementKind.Literal => char.ToUpperInvariant(c) == char.ToUpperInvariant(_literal),
                ElementKind.Set => InSet(c) || InSet(char.ToUpperInvariant(c)) || InSet(char.ToLowerInvariant(c)),
                _ => false,
            };

            private bool InSet(char c)
            {
                foreach ((char from, char to) in _ranges!)
                {
                    if (c >= from && c <= to) return true;
                }
                return false;
            }
        }
    }
}
