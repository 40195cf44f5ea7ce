using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>Opens a history database: WAL journal (a reader and a writer at once), a busy timeout, migrations applied.</summary>
    internal static class HistoryDatabase
    {
        public static SqliteConnection Open(string path, int? migrateTo = null)
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 };
            var connection = new SqliteConnection(builder.ToString());
            try
            {
                connection.Open();
                Execute(connection, "PRAGMA busy_timeout = 30000;");
                Execute(connection, "PRAGMA journal_mode = WAL;");
                Execute(connection, "PRAGMA synchronous = NORMAL;");
                Migrate(connection, migrateTo ?? HistoryMigrations.Latest);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public static int SchemaVersion(SqliteConnection connection) => Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);

        private static void Migrate(SqliteConnection connection, int target)
        {
            int current = SchemaVersion(connection);
            if (current > HistoryMigrations.Latest)
            {
                throw new HistorySchemaException($"The history database '{connection.DataSource}' has schema version {current}, newer than this module's {HistoryMigrations.Latest}. Update the module, or pass another -DatabasePath.");
            }
            if (current >= target) return;
            using SqliteTransaction transaction = connection.BeginTransaction();
            // Re-read inside the write transaction: another process may have migrated meanwhile.
            current = SchemaVersion(connection);
            for (int version = current + 1; version <= target; version++)
            {
                using SqliteCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = HistoryMigrations.All[version - 1] + $"\nPRAGMA user_version = {version};";
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }

        public static void Execute(SqliteConnection connection, string sql)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public static object? Scalar(SqliteConnection connection, string sql)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
    }
}
