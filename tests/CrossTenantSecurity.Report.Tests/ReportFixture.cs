using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.Playwright;

namespace CrossTenantSecurity.Report.Tests
{
    /// <summary>
    /// Writes the reports once (sample estate, one customer of it, a hostile-named estate, a generated 1,000-subscription
    /// estate) through the assembled module, and starts headless Chromium. Artifacts (reports, JSON, screenshots, timings)
    /// go to TestResults/report under the test's output folder.
    /// </summary>
    public sealed class ReportFixture : IAsyncLifetime
    {
        public const string ChromiumHint = "Install it: 'apt-get update && apt-get install -y chromium' (Debian), or point CT_CHROMIUM at a Chromium or Chrome executable.";
        public const string Hostile = "<script>window.__ctPwned=1</script><img src=x onerror=\"window.__ctPwned=2\">";
        public static readonly Guid Msp = Guid.Parse("11111111-1111-4111-8111-111111111111");
        public static readonly Guid Northwind = Guid.Parse("22222222-2222-4222-8222-222222222222");
        public static readonly Guid Tailspin = Guid.Parse("33333333-3333-4333-8333-333333333333");
        /// <summary>S2's shape (50 tenants, 1,000 subscriptions); fewer assessments than S2's 300, which change counts, not the report's size.</summary>
        public const string LargeEstate = "generated:tenants=50,subscriptions=1000,assessments=60";

        public string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "report");
        public string SampleReport => Path.Combine(Artifacts, "sample.html");
        public string SampleJson => Path.Combine(Artifacts, "sample.json");
        public string NorthwindReport => Path.Combine(Artifacts, "sample-northwind.html");
        public string HostileReport => Path.Combine(Artifacts, "hostile.html");
        public string LargeReport => Path.Combine(Artifacts, "estate-1000.html");
        public string LargeJson => Path.Combine(Artifacts, "estate-1000.json");
        public TimeSpan LargeSnapshotTook { get; private set; }

        public IPlaywright Playwright { get; private set; } = null!;
        public IBrowser Browser { get; private set; } = null!;

        public static string ChromiumPath => Environment.GetEnvironmentVariable("CT_CHROMIUM") is { Length: > 0 } custom ? custom : "/usr/bin/chromium";

        public async Task InitializeAsync()
        {
            if (!File.Exists(ChromiumPath))
                throw new InvalidOperationException($"The report browser tests need Chromium at {ChromiumPath}, and it is missing. {ChromiumHint}");
            Directory.CreateDirectory(Artifacts);

            await using (EmulatorHost sample = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority }))
            using (var module = new HostedModule(sample, Msp.ToString(), "c0000000-0000-4000-8000-0000000000c1", "sample-only-automation-secret"))
            {
                module.Run(@"$s = Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
                             $s | Export-CtPostureReport -Path $all -Format Html, Json | Out-Null
                             $s | Export-CtPostureReport -Path $one -TenantId $t | Out-Null",
                    ("all", SampleReport), ("one", NorthwindReport), ("t", Northwind.ToString()));
            }

            Scenario hostile = ScenarioLoader.LoadSample();
            hostile.Tenants.Single(t => t.Id == Tailspin).DisplayName = "Tailspin " + Hostile;
            hostile.Subscriptions.Single(s => s.Id == Guid.Parse("3c333333-0000-4000-8000-000000000001")).DisplayName = "Retail " + Hostile;
            await using (EmulatorHost emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Scenario = hostile, CertificateAuthority = PlatformTrust.ProcessAuthority }))
            using (var module = new HostedModule(emulator, Msp.ToString(), "c0000000-0000-4000-8000-0000000000c1", "sample-only-automation-secret"))
            {
                module.Run("Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Export-CtPostureReport -Path $p | Out-Null", ("p", HostileReport));
            }

            await using (EmulatorHost large = await EmulatorHost.StartAsync(new EmulatorOptions { Scenario = ScenarioLoader.Load(LargeEstate), CertificateAuthority = PlatformTrust.ProcessAuthority }))
            using (var module = new HostedModule(large, EstateGenerator.ManagingTenantId.ToString(), EstateGenerator.AutomationAppId.ToString(), EstateGenerator.AutomationSecret))
            {
                var watch = Stopwatch.StartNew();
                module.Run("$s = Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue", Array.Empty<(string, object?)>());
                LargeSnapshotTook = watch.Elapsed;
                module.Run("$s | Export-CtPostureReport -Path $p -Format Html, Json | Out-Null", ("p", LargeReport));
            }

            Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            try
            {
                Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
            }
            catch (PlaywrightException e)
            {
                throw new InvalidOperationException($"Chromium at {ChromiumPath} did not start: {e.Message} {ChromiumHint}", e);
            }
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null) await Browser.DisposeAsync();
            Playwright?.Dispose();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class ReportCollection : ICollectionFixture<ReportFixture>
    {
        public const string Name = "reports";
    }
}
