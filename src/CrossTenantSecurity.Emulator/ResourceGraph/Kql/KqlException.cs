using System;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>A query the engine cannot parse or run; Code is the detail code ARG puts under InvalidQuery.</summary>
    internal sealed class KqlException : Exception
    {
        public KqlException(string code, string message) : base(message) => Code = code;

        public string Code { get; }

        public static KqlException Parser(int position, string message) =>
            new("ParserFailure", $"ParserFailure: line 1, pos {position}: {message}");
    }
}
