using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CrossTenantSecurity.HelpBuilder;
using CrossTenantSecurity.Shell;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Every exported cmdlet has complete help that agrees with the command (PSScriptAnalyzer's ModuleHelp tests, in xUnit).</summary>
    [Collection(EmulatorCollection.Name)]
    public class HelpTests
    {
        private static readonly string[] CommonParameters =
            { "Debug", "ErrorAction", "ErrorVariable", "InformationAction", "InformationVariable", "OutVariable", "OutBuffer",
              "PipelineVariable", "ProgressAction", "Verbose", "WarningAction", "WarningVariable", "WhatIf", "Confirm" };

        public static IEnumerable<object[]> Cmdlets()
        {
            using var ps = new PowerShellSession();
            return ps.Run("(Get-Module CrossTenantSecurity).ExportedCmdlets.Keys").Output.Select(o => new object[] { o.ToString() }).ToList();
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Help_is_complete_and_agrees_with_the_command(string name)
        {
            using var ps = new PowerShellSession();
            PSResult help = ps.Run("Get-Help $n -Full", ("n", name));
            dynamic info = help.Output.Single();
            string synopsis = ((string)info.Synopsis).Trim();
            Assert.False(synopsis.StartsWith(name + " ", StringComparison.Ordinal) || synopsis.Contains("[<CommonParameters>]", StringComparison.Ordinal), $"{name} has only the generated synopsis");
            Assert.True(ps.Run("@((Get-Help $n -Full).examples.example).Count", ("n", name)).Output.Single().BaseObject is int examples && examples >= 1, $"{name} has no example");

            string[] commandParameters = ps.Run("(Get-Command $n).Parameters.Keys", ("n", name)).Output.Select(o => o.ToString()).Where(p => !CommonParameters.Contains(p)).OrderBy(p => p).ToArray();
            PSResult helpParameters = ps.Run("@((Get-Help $n -Full).parameters.parameter) | Where-Object { $_ } | ForEach-Object { '{0}|{1}' -f $_.name, (@($_.description | ForEach-Object Text) -join ' ') }", ("n", name));
            var described = helpParameters.Output.Select(o => o.ToString().Split('|', 2)).Where(p => !CommonParameters.Contains(p[0])).ToDictionary(p => p[0], p => p[1]);
            Assert.Equal(commandParameters, described.Keys.OrderBy(p => p).ToArray());
            Assert.All(described, p => Assert.False(string.IsNullOrWhiteSpace(p.Value), $"{name} -{p.Key} has no description"));

            string[] declaredOutputs = ps.Run("(Get-Command $n).OutputType | ForEach-Object Name", ("n", name)).Output.Select(o => o.ToString()).OrderBy(t => t).ToArray();
            string[] helpOutputs = ps.Run("@((Get-Help $n -Full).returnValues.returnValue) | ForEach-Object { $_.type.name }", ("n", name)).Output.Select(o => o.ToString().Trim()).OrderBy(t => t).ToArray();
            Assert.Equal(declaredOutputs, helpOutputs);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Get_Help_Online_opens_the_cmdlet_doc_page_in_the_repository(string name)
        {
            string expected = $"https://github.com/crosstenantsecurity/CrossTenantSecurity/blob/main/docs/en-US/{name}.md";
            using var ps = new PowerShellSession();
            PSResult uris = ps.Run("(Get-Command $n).HelpUri; @((Get-Help $n -Full).relatedLinks.navigationLink)[0].uri", ("n", name));
            Assert.False(uris.Failed, uris.Describe());
            Assert.Equal(expected, uris.Output[0]?.ToString());
            Assert.Equal(expected, uris.Output[1]?.ToString()?.Trim());

            string doc = Path.Combine(ModuleLocation.RepoRoot, "docs", "en-US", name + ".md");
            Assert.True(File.Exists(doc), $"{doc} is missing");
            Assert.Contains("\nonline version: " + expected + "\n", File.ReadAllText(doc).Replace("\r\n", "\n"), StringComparison.Ordinal);
        }

        [Fact]
        public void The_committed_MAML_matches_the_markdown_docs()
        {
            string root = ModuleLocation.RepoRoot;
            string generated = MamlWriter.Generate(Path.Combine(root, "docs", "en-US"));
            string committed = File.ReadAllText(Path.Combine(root, "en-US", "CrossTenantSecurity.Commands.dll-Help.xml"));
            Assert.True(generated == committed, "en-US help is stale: run 'dotnet run --project tools/CrossTenantSecurity.HelpBuilder' and commit the result.");
        }

        [Fact]
        public void The_about_topic_explains_home_versus_managing_tenants()
        {
            using var ps = new PowerShellSession();
            PSResult about = ps.Run("Get-Help about_CrossTenantSecurity");
            Assert.Contains("ManagingTenantId", string.Join("\n", about.Output.Select(o => o.ToString())), StringComparison.Ordinal);
        }
    }
}
