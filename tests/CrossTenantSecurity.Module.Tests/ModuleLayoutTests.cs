using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrossTenantSecurity.Shell;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>The assembled module: manifest, load-context isolation, format views.</summary>
    [Collection(EmulatorCollection.Name)]
    public class ModuleLayoutTests
    {
        private readonly ModuleFixture _emulator;

        public ModuleLayoutTests(ModuleFixture emulator) => _emulator = emulator;

        [Fact]
        public void Exported_cmdlets_match_the_manifest()
        {
            string manifest = File.ReadAllText(ModuleLocation.EnsureManifest());
            string list = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
            string[] declared = Regex.Matches(list, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n).ToArray();
            using var ps = new PowerShellSession();
            string[] exported = ps.Run("(Get-Module CrossTenantSecurity).ExportedCmdlets.Keys").Output.Select(o => o.ToString()).OrderBy(n => n).ToArray();
            Assert.Equal(declared, exported);
        }

        [Fact]
        public void The_engine_and_Azure_run_in_the_private_load_context_beside_a_conflicting_Azure_Core()
        {
            Version conflicting = ConflictingAzureCore.EnsureLoaded();
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(_emulator, ModuleFixture.Automation).Failed);
            Assert.Equal(8, ps.Run("Get-CtDelegatedSubscription").Output.Count);

            var loaded = AppDomain.CurrentDomain.GetAssemblies();
            var engine = loaded.Single(a => a.GetName().Name == "CrossTenantSecurity.Engine");
            Assert.Equal("CrossTenantSecurity", AssemblyLoadContext.GetLoadContext(engine)!.Name);
            var contracts = loaded.Single(a => a.GetName().Name == "CrossTenantSecurity.Contracts");
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(contracts));

            var azureCores = loaded.Where(a => a.GetName().Name == "Azure.Core").ToList();
            var ours = azureCores.Single(a => AssemblyLoadContext.GetLoadContext(a)!.Name == "CrossTenantSecurity");
            var theirs = azureCores.Single(a => AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default);
            Assert.Equal(conflicting, theirs.GetName().Version);
            Assert.True(ours.GetName().Version > theirs.GetName().Version);
            Assert.All(loaded.Where(a => a.GetName().Name!.StartsWith("Azure.", StringComparison.Ordinal) && a != theirs),
                a => Assert.Equal("CrossTenantSecurity", AssemblyLoadContext.GetLoadContext(a)!.Name));
        }

        [Fact]
        public void Every_format_view_names_a_real_type_and_real_properties()
        {
            string formatFile = Path.Combine(Path.GetDirectoryName(ModuleLocation.EnsureManifest())!, "CrossTenantSecurity.Format.ps1xml");
            XDocument format = XDocument.Load(formatFile);
            using var ps = new PowerShellSession();
            foreach (XElement view in format.Descendants("View"))
            {
                string typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
                Assert.StartsWith("CrossTenantSecurity.", typeName, StringComparison.Ordinal);
                foreach (string property in view.Descendants("PropertyName").Select(p => p.Value))
                {
                    PSResult found = ps.Run("[bool]([type]$t).GetProperty($p)", ("t", typeName), ("p", property));
                    Assert.True(!found.Failed && (bool)found.Output.Single().BaseObject, $"{typeName}.{property} does not exist");
                }
            }
        }

        [Fact]
        public void Default_views_render_within_120_columns()
        {
            using var ps = new PowerShellSession();
            Assert.False(ps.Connect(_emulator, ModuleFixture.Automation).Failed);
            PSResult result = ps.Run(@"Get-CtDelegatedSubscription -IncludeHome | Out-Default; Get-CtTenant | Out-Default; Get-CtContext | Out-Default; Get-CtEnvironment | Out-Default
                $ErrorActionPreference = 'SilentlyContinue'; $WarningPreference = 'SilentlyContinue'
                Get-CtSecureScore | Out-Default; Get-CtSecureScore -AggregateBy Tenant | Out-Default
                Get-CtSecureScoreControl | Out-Default; Get-CtSecureScoreControl -Top 3 | Out-Default
                Get-CtRecommendation | Out-Default; Get-CtAlert | Out-Default; Get-CtDefenderPlan | Out-Default
                Get-CtRegulatoryCompliance -IncludeControls | Out-Default; Get-CtDelegation | Out-Default
                $s = Get-CtPostureSnapshot; $s | Out-Default; $s.Tenants | Out-Default; $s.Subscriptions | Out-Default; $s.Failures | Out-Default
                $s.TopRecommendations | Out-Default; $s.TopControls | Out-Default; $s.Plans | Out-Default; $s.Compliance | Out-Default");
            Assert.Null(result.Terminating);
            string text = Regex.Replace(result.HostText, "\x1b\\[[0-9;]*m", string.Empty);
            foreach (string header in new[] { "Percentage", "Missing", "Gain", "Severity", "StartTimeUtc", "CoverageStatus", "Standard", "Control", "OfferName", "Rank", "Audited", "ErrorId", "PassedControls", "Coverage" })
                Assert.Contains(header, text, StringComparison.Ordinal);
            Assert.Contains("SubscriptionId", text, StringComparison.Ordinal);
            Assert.Contains("Relationship", text, StringComparison.Ordinal);
            Assert.Contains("Northwind Production", text, StringComparison.Ordinal);
            Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 120, $"too wide: {line}"));
        }
    }
}
