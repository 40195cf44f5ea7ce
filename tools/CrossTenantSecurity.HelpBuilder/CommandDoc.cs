using System.Collections.Generic;

namespace CrossTenantSecurity.HelpBuilder
{
    /// <summary>One cmdlet's help, as read from its platyPS-schema markdown file.</summary>
    public sealed class CommandDoc
    {
        public string Name { get; set; } = string.Empty;
        public string Synopsis { get; set; } = string.Empty;
        /// <summary>The front matter's "online version:": the page Get-Help -Online opens (the cmdlet's HelpUri).</summary>
        public string OnlineVersion { get; set; } = string.Empty;
        public List<string> Description { get; } = new();
        public List<SyntaxDoc> Syntax { get; } = new();
        public List<ExampleDoc> Examples { get; } = new();
        public List<ParameterDoc> Parameters { get; } = new();
        public List<string> Inputs { get; } = new();
        public List<string> Outputs { get; } = new();
        public List<string> Notes { get; } = new();
        public List<(string Text, string Uri)> Links { get; } = new();
    }

    public sealed record SyntaxDoc(string ParameterSet, string Line);

    public sealed class ExampleDoc
    {
        public string Title { get; set; } = string.Empty;
        public string Code { get; set; } = string.Empty;
        public List<string> Remarks { get; } = new();
    }

    public sealed class ParameterDoc
    {
        public string Name { get; set; } = string.Empty;
        public List<string> Description { get; } = new();
        public Dictionary<string, string> Fields { get; } = new();

        public string Field(string key, string fallback = "") => Fields.TryGetValue(key, out string? value) && value.Length > 0 ? value : fallback;
    }
}
