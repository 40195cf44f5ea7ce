using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CrossTenantSecurity.HelpBuilder
{
    /// <summary>Writes MAML (the XML help format Get-Help reads) from parsed command docs.</summary>
    public static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        /// <summary>Every *.md in the folder, one command each, sorted by name for a stable file.</summary>
        public static string Generate(string docsDirectory)
        {
            IEnumerable<CommandDoc> docs = Directory.GetFiles(docsDirectory, "*.md")
                .Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                .Select(f => MarkdownReader.Read(File.ReadAllText(f)))
                .OrderBy(d => d.Name, StringComparer.Ordinal);
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command), new XAttribute(XNamespace.Xmlns + "dev", Dev),
                docs.Select(Command_));
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
            var builder = new StringBuilder();
            using (var writer = XmlWriter.Create(new StringWriter(builder), settings)) new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
            return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"") + "\n";
        }

        private static XElement Command_(CommandDoc doc)
        {
            string[] verbNoun = doc.Name.Split('-', 2);
            return new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", doc.Name),
                    new XElement(Command + "verb", verbNoun[0]),
                    new XElement(Command + "noun", verbNoun.Length > 1 ? verbNoun[1] : string.Empty),
                    Paras(Maml + "description", new[] { doc.Synopsis })),
                Paras(Maml + "description", doc.Description),
                new XElement(Command + "syntax", doc.Syntax.Select(s => SyntaxItem(doc, s))),
                new XElement(Command + "parameters", doc.Parameters.Select(p => Parameter(p, required: IsTrue(p.Field("Required")), position: p.Field("Position", "named")))),
                new XElement(Command + "inputTypes", doc.Inputs.Select(t => new XElement(Command + "inputType", TypeElement(t), Paras(Maml + "description", Array.Empty<string>())))),
                new XElement(Command + "returnValues", doc.Outputs.Select(t => new XElement(Command + "returnValue", TypeElement(t), Paras(Maml + "description", Array.Empty<string>())))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", doc.Notes.Select(n => new XElement(Maml + "para", n)))),
                new XElement(Command + "examples", doc.Examples.Select(e => new XElement(Command + "example",
                    new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    Paras(Dev + "remarks", e.Remarks)))),
                // platyPS puts the online version first: Get-Help -Online opens the first related link with a URI.
                new XElement(Command + "relatedLinks", OnlineLink(doc).Concat(doc.Links).Select(l => new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri)))));
        }

        private static IEnumerable<(string Text, string Uri)> OnlineLink(CommandDoc doc) =>
            doc.OnlineVersion.Length == 0 ? Enumerable.Empty<(string, string)>() : new[] { ("Online Version:", doc.OnlineVersion) };

        /// <summary>
        /// A syntax item lists the parameters named in its syntax line. "[-Name &lt;T&gt;]", "[-Switch]" and
        /// "[[-Name] &lt;T&gt;]" are optional; "-Name &lt;T&gt;" and "[-Name] &lt;T&gt;" (positional) are required.
        /// </summary>
        private static XElement SyntaxItem(CommandDoc doc, SyntaxDoc syntax)
        {
            var item = new XElement(Command + "syntaxItem", new XElement(Maml + "name", doc.Name));
            foreach (Match match in Regex.Matches(syntax.Line, @"(\[*)-(\w+)(\]?)( <)?"))
            {
                ParameterDoc? parameter = doc.Parameters.FirstOrDefault(p => p.Name.Equals(match.Groups[2].Value, StringComparison.OrdinalIgnoreCase));
                if (parameter is null) continue;
                int brackets = match.Groups[1].Value.Length;
                bool requiredPositional = brackets == 1 && match.Groups[3].Value == "]" && match.Groups[4].Success;
                bool required = brackets == 0 || requiredPositional;
                item.Add(Parameter(parameter, required, parameter.Field("Position", "named")));
            }
            return item;
        }

        private static XElement Parameter(ParameterDoc p, bool required, string position)
        {
            string type = p.Field("Type", "Object");
            bool isSwitch = type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase);
            string aliases = p.Field("Aliases", "none");
            return new XElement(Command + "parameter",
                new XAttribute("required", required ? "true" : "false"),
                new XAttribute("variableLength", type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
                new XAttribute("globbing", IsTrue(p.Field("Accept wildcard characters")) ? "true" : "false"),
                new XAttribute("pipelineInput", p.Field("Accept pipeline input", "False")),
                new XAttribute("position", position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : position),
                new XAttribute("aliases", aliases),
                new XElement(Maml + "name", p.Name),
                Paras(Maml + "description", p.Description),
                isSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), type),
                new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", p.Field("Default value", "None")));
        }

        private static XElement TypeElement(string name) =>
            new XElement(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"), new XElement(Maml + "description"));

        private static XElement Paras(XName name, IEnumerable<string> paragraphs) =>
            new XElement(name, paragraphs.Where(p => p.Length > 0).Select(p => new XElement(Maml + "para", p)));

        private static bool IsTrue(string value) => value.StartsWith("True", StringComparison.OrdinalIgnoreCase);
    }
}
