using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>
    /// Posture history in one SQLite file: save snapshots, list them, read trends and states back. One instance holds one
    /// connection; open one per command (WAL lets a reader and a writer in other processes work at the same time).
    /// </summary>
    public sealed class PostureHistory : IDisposable
    {
        private readonly SqliteConnection _connection;

        private PostureHistory(string path, SqliteConnection connection)
        {
            Path = path;
            _connection = connection;
        }

        /// <summary>The database file.</summary>
        public string Path { get; }

        /// <summary>The schema version of the open database (after migrations).</summary>
        public int SchemaVersion => HistoryDatabase.SchemaVersion(_connection);

        /// <summary>The latest schema this module writes.</summary>
        public static int LatestSchemaVersion => HistoryMigrations.Latest;

        /// <summary>Opens (or creates) the database at <paramref name="path"/> and applies pending migrations.</summary>
        public static PostureHistory Open(string path) => new PostureHistory(path, HistoryDatabase.Open(path));

        /// <summary>Tests: opens with migrations applied only up to <paramref name="version"/>.</summary>
        internal static PostureHistory OpenAt(string path, int version) => new PostureHistory(path, HistoryDatabase.Open(path, version));

        /// <summary>Saves one snapshot in one transaction and returns its entry.</summary>
        public SavedPostureSnapshot Save(PostureSnapshot snapshot, string? moduleVersion, CancellationToken cancellationToken = default) =>
            Save(snapshot, moduleVersion, null, cancellationToken);

        internal SavedPostureSnapshot Save(PostureSnapshot snapshot, string? moduleVersion, Action<int>? onRows, CancellationToken cancellationToken)
        {
            if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
            var clock = Stopwatch.StartNew();
            (long id, int detailRows) = SnapshotWriter.Save(_connection, snapshot, moduleVersion, onRows, cancellationToken);
            clock.Stop();
            return new SavedPostureSnapshot(id, snapshot.TakenAt, Path, snapshot.ManagingTenantId, snapshot.Tenants.Count, snapshot.Subscriptions.Count,
                snapshot.Percentage, snapshot.Unhealthy.High, snapshot.ActiveAlerts.Total, snapshot.Failures.Count, detailRows, clock.Elapsed);
        }

        /// <summary>Saved snapshots, oldest first, within the range.</summary>
        public IReadOnlyList<SavedPostureSnapshot> ListSnapshots(DateTimeOffset? since = null, DateTimeOffset? until = null)
        {
            using SqliteCommand command = _connection.CreateCommand();
            command.CommandText = @"SELECT id, taken_at, managing_tenant_id, tenant_count, subscription_count, percentage, unhealthy_high, alerts_active, failure_count, detail_rows
                FROM snapshots WHERE taken_at >= $since AND taken_at <= $until ORDER BY taken_at, id;";
            command.Parameters.AddWithValue("$since", since?.ToUnixTimeMilliseconds() ?? long.MinValue);
            command.Parameters.AddWithValue("$until", until?.ToUnixTimeMilliseconds() ?? long.MaxValue);
            var list = new List<SavedPostureSnapshot>();
            using SqliteDataReader r = command.ExecuteReader();
            while (r.Read())
            {
                list.Add(new SavedPostureSnapshot(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), Path, Guid.Parse(r.GetString(2)),
                    (int)r.GetInt64(3), (int)r.GetInt64(4), r.IsDBNull(5) ? double.NaN : r.GetDouble(5), (int)r.GetInt64(6), (int)r.GetInt64(7), (int)r.GetInt64(8), (int)r.GetInt64(9), null));
            }
            return list;
        }

        /// <summary>The id of the latest snapshot taken at or before <paramref name="at"/> (null when there is none).</summary>
        public long? FindSnapshot(DateTimeOffset at)
        {
            using SqliteCommand command = _connection.CreateCommand();
            command.CommandText = "SELECT id FROM snapshots WHERE taken_at <= $at ORDER BY taken_at DESC, id DESC LIMIT 1;";
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            object? id = command.ExecuteScalar();
            return id is null || id is DBNull ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>The latest saved snapshot's id (null when the history is empty).</summary>
        public long? LatestSnapshot() => FindSnapshot(DateTimeOffset.MaxValue);

        /// <summary>A saved snapshot as drift sees it.</summary>
        public SnapshotState LoadState(long snapshotId) => SnapshotStateReader.Read(_connection, snapshotId);

        /// <summary>Trend rows, per customer or per subscription, oldest first within each scope.</summary>
        public IReadOnlyList<PostureTrendPoint> GetTrend(TrendQuery query, CancellationToken cancellationToken = default) =>
            TrendReader.Read(_connection, query ?? new TrendQuery(), cancellationToken);

        /// <summary>Checkpoints the WAL into the main file (a runbook can copy one file afterwards).</summary>
        public void Checkpoint() => HistoryDatabase.Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");

        public void Dispose() => _connection.Dispose();
    }
}
