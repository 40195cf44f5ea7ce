namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    internal enum KqlTokenKind
    {
        Identifier,
        String,
        Long,
        Real,
        Symbol,
        End,
    }

    /// <summary>One lexical token; Position is the 0-based offset in the query text.</summary>
    internal sealed record KqlToken(KqlTokenKind Kind, string Text, int Position, bool SpaceBefore)
    {
        public bool Is(string symbol) => Kind == KqlTokenKind.Symbol && Text == symbol;

        public bool IsWord(string word) => Kind == KqlTokenKind.Identifier && Text == word;
    }
}
