using System;
using System.IO;
using System.Linq;
using System.Reflection;
using CrossTenantSecurity.HelpBuilder;

// Usage: HelpBuilder [docs-directory] [output-file]   (defaults: docs/en-US -> en-US/CrossTenantSecurity.Commands.dll-Help.xml)
string root = typeof(MamlWriter).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!;
string docs = args.Length > 0 ? args[0] : Path.Combine(root, "docs", "en-US");
string output = args.Length > 1 ? args[1] : Path.Combine(root, "en-US", "CrossTenantSecurity.Commands.dll-Help.xml");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllText(output, MamlWriter.Generate(docs));
Console.WriteLine($"Wrote {output}");
return 0;
