using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>Save-CtPostureSnapshot and Get-CtPostureHistory against the sample estate, SQLite inside the module's load context.</summary>
    [Collection(EmulatorCollection.Name)]
    public class HistoryTests
    {
        private readonly ModuleFixture _emulator;

        public HistoryTests(ModuleFixture emulator) => _emulator = emulator;

        private PowerShellSession SignedIn()
        {
            var ps = new PowerShellSession();
            PSResult connect = ps.Connect(_emulator, ModuleFixture.Automation);
            Assert.False(connect.Failed, connect.Describe());
            return ps;
        }

        internal static string TempDatabase()
        {
            string dir = Path.Combine(Path.GetTempPath(), "ct-history-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return Path.Combine(dir, "history.db");
        }

        [Fact]
        public void A_fresh_snapshot_saves_and_reads_back_as_trend_rows_per_customer_and_subscription()
        {
            using PowerShellSession ps = SignedIn();
            string db = TempDatabase();
            PSResult first = ps.Run("Save-CtPostureSnapshot -DatabasePath $db -ErrorAction SilentlyContinue -WarningAction SilentlyContinue", ("db", db));
            Assert.Null(first.Terminating);
            dynamic saved = Assert.Single(first.Output).BaseObject;
            Assert.Equal("CrossTenantSecurity.SavedPostureSnapshot", first.Output[0].BaseObject.GetType().FullName);
            Assert.Equal(8, (int)saved.SubscriptionCount);
            Assert.True((int)saved.DetailRowCount > 0);
            PSResult second = ps.Run("Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Save-CtPostureSnapshot -DatabasePath $db -WarningAction SilentlyContinue", ("db", db));
            Assert.Null(second.Terminating);
            Assert.Equal((long)saved.SnapshotId + 1, (long)((dynamic)second.Output.Single().BaseObject).SnapshotId);

            var list = ps.Run("Get-CtPostureHistory -DatabasePath $db -ListSnapshot", ("db", db)).Items.ToList();
            Assert.Equal(2, list.Count);

            var rows = ps.Run("Get-CtPostureHistory -DatabasePath $db -TenantId $t -Metric SecureScore", ("db", db), ("t", ModuleFixture.Northwind.ToString())).Items.ToList();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal(ModuleFixture.Northwind, (Guid)r.TenantId));
            dynamic live = ps.Run("Get-CtSecureScore -AggregateBy Tenant -TenantId $t -ErrorAction SilentlyContinue", ("t", ModuleFixture.Northwind.ToString())).Items.Single();
            Assert.Equal(Math.Round((double)live.Percentage, 2), (double)rows[0].Value);
            Assert.Equal(0.0, (double)rows[1].Change);

            var subs = ps.Run("Get-CtPostureHistory -DatabasePath $db -BySubscription -Metric UnhealthyHigh, PlanCoverage", ("db", db)).Items.ToList();
            Assert.Equal(8 * 2 * 2, subs.Count);
            Assert.All(subs, r => Assert.NotNull((string)r.SubscriptionId));

            Assert.Equal(9, (int)ps.Run("@(Get-CtPostureHistory -DatabasePath $db -Metric SecureScore)[0].PSObject.Properties.Value.Count", ("db", db)).Items.Single());
            // Flat rows (Export-Csv is shown in real pwsh by tests/Pester/History.Tests.ps1): scalar properties only.
            Assert.All(ps.Run("@(Get-CtPostureHistory -DatabasePath $db -Metric SecureScore)[0].PSObject.Properties.Value", ("db", db)).Output.Where(v => v is not null),
                v => Assert.True(v is null || v.BaseObject is string || v.BaseObject.GetType().IsPrimitive || v.BaseObject is Guid || v.BaseObject is DateTimeOffset || v.BaseObject is Enum || v.BaseObject is double));
        }

        [Fact]
        public void The_native_SQLite_library_and_its_assemblies_load_in_the_module_context_only()
        {
            using PowerShellSession ps = SignedIn();
            string db = TempDatabase();
            Assert.Null(ps.Run("Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Save-CtPostureSnapshot -DatabasePath $db -WarningAction SilentlyContinue", ("db", db)).Terminating);
            var sqlite = AssemblyLoadContext.All.SelectMany(c => c.Assemblies.Select(a => (Context: c.Name, a.GetName().Name)))
                .Where(x => x.Name!.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || x.Name!.StartsWith("SQLitePCLRaw", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(sqlite);
            Assert.All(sqlite, x => Assert.Equal("CrossTenantSecurity", x.Context));
        }
    }
}
