using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace CrossTenantSecurity.HelpBuilder
{
    /// <summary>Reads the subset of the platyPS markdown schema that our docs use.</summary>
    public static class MarkdownReader
    {
        public static CommandDoc Read(string markdown)
        {
            string text = markdown.Replace("\r\n", "\n");
            string[] lines = StripFrontMatter(text).Split('\n');
            var doc = new CommandDoc { OnlineVersion = FrontMatterField(text, "online version") };
            var sections = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            List<string>? current = null;
            foreach (string line in lines)
            {
                if (line.StartsWith("# ", StringComparison.Ordinal) && doc.Name.Length == 0) { doc.Name = line.Substring(2).Trim(); continue; }
                if (line.StartsWith("## ", StringComparison.Ordinal)) { sections[line.Substring(3).Trim()] = current = new List<string>(); continue; }
                current?.Add(line);
            }
            if (doc.Name.Length == 0) throw new FormatException("The help file has no '# Cmdlet-Name' heading.");

            doc.Synopsis = string.Join(" ", Paragraphs(Section(sections, "SYNOPSIS")));
            doc.Description.AddRange(Paragraphs(Section(sections, "DESCRIPTION")));
            doc.Notes.AddRange(Paragraphs(Section(sections, "NOTES")));
            foreach (var (heading, body) in Subsections(Section(sections, "SYNTAX")))
                doc.Syntax.Add(new SyntaxDoc(heading.Replace("(Default)", string.Empty).Trim(), Fenced(body).FirstOrDefault()?.Trim() ?? string.Empty));
            foreach (var (heading, body) in Subsections(Section(sections, "EXAMPLES")))
            {
                var example = new ExampleDoc { Title = heading, Code = Fenced(body).FirstOrDefault()?.TrimEnd() ?? string.Empty };
                example.Remarks.AddRange(Paragraphs(OutsideFences(body)));
                doc.Examples.Add(example);
            }
            foreach (var (heading, body) in Subsections(Section(sections, "PARAMETERS")))
            {
                if (!heading.StartsWith("-", StringComparison.Ordinal)) continue; // CommonParameters
                var parameter = new ParameterDoc { Name = heading.Substring(1).Trim() };
                parameter.Description.AddRange(Paragraphs(OutsideFences(body)));
                foreach (string yaml in (Fenced(body).FirstOrDefault() ?? string.Empty).Split('\n'))
                {
                    int colon = yaml.IndexOf(':');
                    if (colon > 0) parameter.Fields[yaml.Substring(0, colon).Trim()] = yaml.Substring(colon + 1).Trim();
                }
                doc.Parameters.Add(parameter);
            }
            doc.Inputs.AddRange(Subsections(Section(sections, "INPUTS")).Select(s => s.Heading));
            doc.Outputs.AddRange(Subsections(Section(sections, "OUTPUTS")).Select(s => s.Heading));
            foreach (Match link in Regex.Matches(string.Join("\n", Section(sections, "RELATED LINKS")), @"\[([^\]]+)\]\(([^)]*)\)"))
                doc.Links.Add((link.Groups[1].Value, link.Groups[2].Value));
            return doc;
        }

        private static string FrontMatterField(string text, string name)
        {
            if (!text.StartsWith("---\n", StringComparison.Ordinal)) return string.Empty;
            int end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
            foreach (string line in text.Substring(4, Math.Max(0, end - 4)).Split('\n'))
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && string.Equals(line.Substring(0, colon).Trim(), name, StringComparison.OrdinalIgnoreCase)) return line.Substring(colon + 1).Trim();
            }
            return string.Empty;
        }

        private static string StripFrontMatter(string text)
        {
            if (!text.StartsWith("---\n", StringComparison.Ordinal)) return text;
            int end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
            return end < 0 ? text : text.Substring(end + 5);
        }

        private static List<string> Section(Dictionary<string, List<string>> sections, string name) =>
            sections.TryGetValue(name, out List<string>? lines) ? lines : new List<string>();

        private static IEnumerable<(string Heading, List<string> Body)> Subsections(List<string> lines)
        {
            string? heading = null;
            var body = new List<string>();
            foreach (string line in lines)
            {
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    if (heading is not null) yield return (heading, body);
                    heading = line.Substring(4).Trim();
                    body = new List<string>();
                }
                else body.Add(line);
            }
            if (heading is not null) yield return (heading, body);
        }

        private static IEnumerable<string> Fenced(List<string> lines)
        {
            List<string>? block = null;
            foreach (string line in lines)
            {
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    if (block is null) { block = new List<string>(); continue; }
                    yield return string.Join("\n", block);
                    block = null;
                    continue;
                }
                block?.Add(line);
            }
        }

        private static List<string> OutsideFences(List<string> lines)
        {
            var result = new List<string>();
            bool inside = false;
            foreach (string line in lines)
            {
                if (line.StartsWith("```", StringComparison.Ordinal)) { inside = !inside; continue; }
                if (!inside) result.Add(line);
            }
            return result;
        }

        /// <summary>Blank-line separated paragraphs, each joined onto one line.</summary>
        private static IEnumerable<string> Paragraphs(List<string> lines)
        {
            var paragraph = new List<string>();
            foreach (string line in OutsideFences(lines).Append(string.Empty))
            {
                if (line.Trim().Length == 0)
                {
                    if (paragraph.Count > 0) yield return string.Join(" ", paragraph);
                    paragraph.Clear();
                }
                else paragraph.Add(line.Trim());
            }
        }
    }
}
