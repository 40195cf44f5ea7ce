using System.Collections.Generic;
using System.Text;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>Splits query text into identifiers, literals and symbols; skips // comments.</summary>
    internal static class KqlLexer
    {
        private static readonly string[] Symbols = { "==", "!=", "=~", "!~", "<=", ">=", "|", ",", "(", ")", "[", "]", ".", "=", "<", ">", "+", "-", "*", "/", "%", "!", "~", ":", "{", "}" };

        public static List<KqlToken> Tokenize(string text)
        {
            var tokens = new List<KqlToken>();
            int i = 0;
            while (true)
            {
                int start = i;
                while (i < text.Length && (char.IsWhiteSpace(text[i]) || (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')))
                {
                    if (text[i] == '/') while (i < text.Length && text[i] != '\n') i++;
                    else i++;
                }
                bool space = i > start || i == 0;
                if (i >= text.Length)
                {
                    tokens.Add(new KqlToken(KqlTokenKind.End, string.Empty, i, space));
                    return tokens;
                }
                char c = text[i];
                if (c == '"' || c == '\'' || (c == '@' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\'')))
                {
                    int position = i;
                    tokens.Add(new KqlToken(KqlTokenKind.String, ReadString(text, ref i), position, space));
                }
                else if (char.IsDigit(c))
                {
                    int position = i;
                    bool real = false;
                    while (i < text.Length && char.IsDigit(text[i])) i++;
                    if (i + 1 < text.Length && text[i] == '.' && char.IsDigit(text[i + 1]))
                    {
                        real = true;
                        i++;
                        while (i < text.Length && char.IsDigit(text[i])) i++;
                    }
                    if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                    {
                        real = true;
                        i++;
                        if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
                        while (i < text.Length && char.IsDigit(text[i])) i++;
                    }
                    tokens.Add(new KqlToken(real ? KqlTokenKind.Real : KqlTokenKind.Long, text.Substring(position, i - position), position, space));
                }
                else if (char.IsLetter(c) || c == '_' || c == '$')
                {
                    int position = i;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '$')) i++;
                    tokens.Add(new KqlToken(KqlTokenKind.Identifier, text.Substring(position, i - position), position, space));
                }
                else
                {
                    string? symbol = null;
                    foreach (string s in Symbols)
                    {
                        if (string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                        {
                            symbol = s;
                            break;
                        }
                    }
                    if (symbol is null) throw KqlException.Parser(i, $"Unexpected character '{c}'.");
                    tokens.Add(new KqlToken(KqlTokenKind.Symbol, symbol, i, space));
                    i += symbol.Length;
                }
            }
        }

        private static string ReadString(string text, ref int i)
        {
            int start = i;
            bool verbatim = text[i] == '@';
            if (verbatim) i++;
            char quote = text[i++];
            var value = new StringBuilder();
            while (i < text.Length && text[i] != quote)
            {
                if (!verbatim && text[i] == '\\' && i + 1 < text.Length)
                {
                    char escaped = text[i + 1];
                    value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                    i += 2;
                }
                else value.Append(text[i++]);
            }
            if (i >= text.Length) throw KqlException.Parser(start, "Unterminated string literal.");
            i++;
            return value.ToString();
        }
    }
}
