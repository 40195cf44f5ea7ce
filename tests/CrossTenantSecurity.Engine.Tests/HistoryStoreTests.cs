using System;
using System.IO;
using System.Linq;
using System.Threading;
using CrossTenantSecurity.Engine.History;
using Microsoft.Data.Sqlite;

namespace CrossTenantSecurity.Engine.Tests
{
    public class HistoryStoreTests
    {
        private static readonly DateTimeOffset Day0 = new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);

        internal static string TempDatabase()
        {
            string dir = Path.Combine(Path.GetTempPath(), "ct-history-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return Path.Combine(dir, "history.db");
        }

        private static long Count(string path, string table)
        {
            using var c = new SqliteConnection($"Data Source={path};Pooling=False");
            c.Open();
            using SqliteCommand cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT count(*) FROM {table};";
            return (long)cmd.ExecuteScalar()!;
        }

        [Fact]
        public void A_new_database_is_at_the_latest_schema_in_WAL_mode()
        {
            string path = TempDatabase();
            using PostureHistory history = PostureHistory.Open(path);
            Assert.Equal(PostureHistory.LatestSchemaVersion, history.SchemaVersion);
            using var c = new SqliteConnection($"Data Source={path};Pooling=False");
            c.Open();
            using SqliteCommand cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", (string)cmd.ExecuteScalar()!);
        }

        [Fact]
        public void Opening_an_older_database_applies_the_pending_migrations_and_keeps_its_rows()
        {
            string path = TempDatabase();
            using (PostureHistory v1 = PostureHistory.OpenAt(path, 1))
            {
                Assert.Equal(1, v1.SchemaVersion);
            }
            using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                c.Open();
                using SqliteCommand cmd = c.CreateCommand();
                cmd.CommandText = @"INSERT INTO snapshots (taken_at, duration_ms, managing_tenant_id, percentage, unhealthy_high, unhealthy_medium, unhealthy_low, alerts_active,
                    tenant_count, subscription_count, failure_count, has_detail, detail_rows) VALUES (1767225600000, 1000, '99999999-9999-4999-8999-999999999999', 55, 1, 2, 3, 4, 1, 1, 0, 0, 0);
                    SELECT count(*) FROM sqlite_master WHERE name = 'writers';";
                Assert.Equal(0L, (long)cmd.ExecuteScalar()!);
            }
            using PostureHistory latest = PostureHistory.Open(path);
            Assert.Equal(PostureHistory.LatestSchemaVersion, latest.SchemaVersion);
            Assert.Single(latest.ListSnapshots());
            Assert.Equal(2, latest.Save(new SyntheticEstate(3).Build(Day0), "test").SnapshotId);
        }

        [Fact]
        public void A_database_from_a_newer_module_is_refused_untouched()
        {
            string path = TempDatabase();
            using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                c.Open();
                using SqliteCommand cmd = c.CreateCommand();
                cmd.CommandText = "PRAGMA user_version = 99;";
                cmd.ExecuteNonQuery();
            }
            Assert.Throws<HistorySchemaException>(() => PostureHistory.Open(path));
        }

        [Fact]
        public void A_save_stopped_midway_leaves_the_database_as_it_was()
        {
            string path = TempDatabase();
            var estate = new SyntheticEstate(200);
            using (PostureHistory history = PostureHistory.Open(path))
            {
                history.Save(estate.Build(Day0), "test");
                using var stop = new CancellationTokenSource();
                Assert.ThrowsAny<OperationCanceledException>(() => history.Save(estate.Build(Day0.AddDays(1)), "test", rows => { if (rows == 300) stop.Cancel(); }, stop.Token));
            }
            using PostureHistory reopened = PostureHistory.Open(path);
            Assert.Single(reopened.ListSnapshots());
            Assert.Equal(200, Count(path, "subscription_rows"));
            Assert.Equal(200 * 6, Count(path, "unhealthy_rows"));
            Assert.Equal(2, reopened.Save(estate.Build(Day0.AddDays(1)), "test").SnapshotId);
        }

        [Fact]
        public void A_reader_sees_the_last_committed_snapshot_while_a_writer_is_midway()
        {
            string path = TempDatabase();
            var estate = new SyntheticEstate(100);
            using PostureHistory writer = PostureHistory.Open(path);
            using PostureHistory reader = PostureHistory.Open(path);
            writer.Save(estate.Build(Day0), "test");
            int seenMidway = -1;
            writer.Save(estate.Build(Day0.AddDays(1)), "test", rows =>
            {
                if (rows == 50) seenMidway = reader.ListSnapshots().Count; // would block (and time out) without WAL
            }, CancellationToken.None);
            Assert.Equal(1, seenMidway);
            Assert.Equal(2, reader.ListSnapshots().Count);
        }

        [Fact]
        public void Trend_rows_per_customer_and_subscription_carry_the_change_since_the_previous_snapshot()
        {
            string path = TempDatabase();
            var estate = new SyntheticEstate(20);
            using PostureHistory history = PostureHistory.Open(path);
            history.Save(estate.Build(Day0), "test");
            estate.Score = i => i == 3 ? 10 : 20 + (i * 7) % 30; // subscription 3 (customer 0) drops from 41 to 10 points
            estate.PlansOff.Add((3, "SqlServers"));
            history.Save(estate.Build(Day0.AddDays(1)), "test");
            history.Save(estate.Build(Day0.AddDays(2)), "test");

            var customer = history.GetTrend(new TrendQuery { TenantIds = new[] { SyntheticEstate.TenantId(0) }, Metrics = new[] { PostureMetric.SecureScore } });
            Assert.Equal(3, customer.Count);
            Assert.Null(customer[0].Change);
            Assert.True(customer[1].Change < 0);
            Assert.Equal(0, customer[2].Change);

            var sub = history.GetTrend(new TrendQuery { SubscriptionIds = new[] { SyntheticEstate.SubscriptionId(3).ToUpperInvariant() }, Metrics = new[] { PostureMetric.SecureScore, PostureMetric.PlanCoverage } });
            Assert.Equal(6, sub.Count);
            Assert.Equal(new double?[] { 82, 20, 20 }, sub.Where(p => p.Metric == PostureMetric.SecureScore).Select(p => p.Value));
            Assert.Equal(new double?[] { 100, 80, 80 }, sub.Where(p => p.Metric == PostureMetric.PlanCoverage).Select(p => p.Value));

            var ranged = history.GetTrend(new TrendQuery { Since = Day0.AddHours(12), Until = Day0.AddDays(1).AddHours(1), Metrics = new[] { PostureMetric.UnhealthyHigh } });
            Assert.Equal(2, ranged.Count); // one day, two customers
        }

        [Fact]
        public void The_default_path_follows_XDG_on_Linux_and_LocalAppData_on_Windows()
        {
            Assert.Equal(Path.Combine("/data/x", "CrossTenantSecurity", "posture-history.db"),
                DefaultHistoryPath.Resolve(n => n == "XDG_DATA_HOME" ? "/data/x" : n == "HOME" ? "/home/u" : null, windows: false));
            Assert.Equal(Path.Combine("/home/u", ".local", "share", "CrossTenantSecurity", "posture-history.db"),
                DefaultHistoryPath.Resolve(n => n == "HOME" ? "/home/u" : null, windows: false));
            Assert.Equal(Path.Combine(@"C:\Users\u\AppData\Local", "CrossTenantSecurity", "posture-history.db"),
                DefaultHistoryPath.Resolve(n => n == "LOCALAPPDATA" ? @"C:\Users\u\AppData\Local" : null, windows: true));
        }
    }
}
