using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Data.Sqlite;
using CrossTenantSecurity.Engine.Snapshot;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>
    /// Writes one snapshot in one transaction: either every row of it is in the database or none is (a crash, a kill or
    /// a cancellation midway rolls back when the database is next opened, as SQLite's WAL recovery guarantees).
    /// </summary>
    internal sealed class SnapshotWriter
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly Dictionary<string, SqliteCommand> _commands = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _tenants = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, long> _subscriptions = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, long> _assessments = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, long> _resources = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly Action<int>? _onRows;
        private int _rows;

        private SnapshotWriter(SqliteConnection connection, SqliteTransaction transaction, Action<int>? onRows)
        {
            _connection = connection;
            _transaction = transaction;
            _onRows = onRows;
        }

        /// <summary>Saves <paramref name="snapshot"/>; <paramref name="onRows"/> (tests) hears the running row count.</summary>
        public static (long Id, int DetailRows) Save(SqliteConnection connection, PostureSnapshot snapshot, string? moduleVersion, Action<int>? onRows, CancellationToken cancellationToken)
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            var writer = new SnapshotWriter(connection, transaction, onRows);
            try
            {
                (long id, int detailRows) = writer.Write(snapshot, moduleVersion, cancellationToken);
                transaction.Commit();
                return (id, detailRows);
            }
            finally
            {
                foreach (SqliteCommand command in writer._commands.Values) command.Dispose();
            }
        }

        private (long, int) Write(PostureSnapshot s, string? moduleVersion, CancellationToken ct)
        {
            PostureSnapshotDetail? detail = s.Detail;
            int detailRows = detail is null ? 0
                : detail.Recommendations.Count(r => IsUnhealthy(r.Status)) + detail.Plans.Count + detail.Alerts.Count(a => IsActive(a.Status)) + detail.Delegations.Count;
            long id = Convert.ToInt64(Run("snapshot", @"INSERT INTO snapshots (taken_at, duration_ms, managing_tenant_id, account, environment, source, customer_tenant_id, percentage,
                unhealthy_high, unhealthy_medium, unhealthy_low, alerts_active, tenant_count, subscription_count, failure_count, has_detail, detail_rows)
                VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id;", scalar: true,
                s.TakenAt.ToUnixTimeMilliseconds(), (long)s.Duration.TotalMilliseconds, s.ManagingTenantId.ToString(), s.Account, s.Environment, s.Source,
                s.CustomerTenantId?.ToString(), Real(s.Percentage), s.Unhealthy.High, s.Unhealthy.Medium, s.Unhealthy.Low, s.ActiveAlerts.Total,
                s.Tenants.Count, s.Subscriptions.Count, s.Failures.Count, detail is null ? 0 : 1, detailRows), System.Globalization.CultureInfo.InvariantCulture);
            Run("writer", "INSERT INTO writers (snapshot_id, module_version, machine) VALUES ($1,$2,$3);", false, id, moduleVersion, Environment.MachineName);

            foreach (TenantPostureSummary t in s.Tenants)
            {
                ct.ThrowIfCancellationRequested();
                Run("tenant", @"INSERT INTO tenant_rows VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21);", false,
                    Tenant(t.TenantId, t.TenantName), id, t.TenantName, t.SubscriptionCount, t.ScoredCount, Real(t.Percentage), t.Current, t.Max, t.Weight,
                    t.Unhealthy.High, t.Unhealthy.Medium, t.Unhealthy.Low, t.ActiveAlerts.High, t.ActiveAlerts.Medium, t.ActiveAlerts.Low, t.ActiveAlerts.Other,
                    t.Plans.Sum(p => p.EnabledCount), t.Plans.Sum(p => p.SubscriptionCount),
                    t.Compliance.Sum(c => c.PassedControls), t.Compliance.Sum(c => c.FailedControls), t.FailedSubscriptionCount);
            }
            foreach (SubscriptionPostureSummary x in s.Subscriptions)
            {
                ct.ThrowIfCancellationRequested();
                Run("subscription", @"INSERT INTO subscription_rows VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25);", false,
                    Subscription(x.SubscriptionId, x.SubscriptionName), id, Tenant(x.TenantId, x.TenantName), x.TenantName, x.SubscriptionName, x.State, x.AccessType.ToString(),
                    x.Current, x.Max, x.Percentage, x.Weight, x.HealthyCount, x.Unhealthy.High, x.Unhealthy.Medium, x.Unhealthy.Low,
                    x.ActiveAlerts.High, x.ActiveAlerts.Medium, x.ActiveAlerts.Low, x.ActiveAlerts.Other,
                    string.Join(",", x.PlansRead), string.Join(",", x.EnabledPlans), x.Compliance.Sum(c => c.PassedControls), x.Compliance.Sum(c => c.FailedControls),
                    x.DelegationCount, string.Join(",", x.FailedKinds));
            }
            foreach (SnapshotFailure f in s.Failures)
            {
                Run("failure", "INSERT INTO failure_rows VALUES ($1,$2,$3,$4,$5,$6);", false, id, f.ErrorId, f.PostureKind, f.TenantId?.ToString(), f.Target, f.Message);
            }
            if (detail is not null)
            {
                foreach (Recommendation r in detail.Recommendations)
                {
                    if (!IsUnhealthy(r.Status)) continue;
                    ct.ThrowIfCancellationRequested();
                    Run("unhealthy", "INSERT OR IGNORE INTO unhealthy_rows VALUES ($1,$2,$3,$4);", false,
                        id, Subscription(r.SubscriptionId, r.SubscriptionName), Assessment(r.AssessmentKey, r.DisplayName, r.Severity.ToString()), Resource(r.ResourceId ?? r.Id));
                }
                foreach (DefenderPlan p in detail.Plans)
                {
                    Run("plan", "INSERT OR REPLACE INTO plan_rows VALUES ($1,$2,$3,$4,$5,$6);", false, id, Subscription(p.SubscriptionId, p.SubscriptionName), p.Plan, p.Tier, p.SubPlan, p.Enabled ? 1 : 0);
                }
                foreach (Alert a in detail.Alerts)
                {
                    if (!IsActive(a.Status)) continue;
                    Run("alert", "INSERT OR REPLACE INTO alert_rows VALUES ($1,$2,$3,$4,$5,$6);", false,
                        id, Subscription(a.SubscriptionId, a.SubscriptionName), a.Name, a.DisplayName, a.Severity, a.StartTimeUtc?.ToUnixTimeMilliseconds());
                }
                foreach (Delegation d in detail.Delegations)
                {
                    Run("delegation", "INSERT OR REPLACE INTO delegation_rows VALUES ($1,$2,$3,$4,$5);", false,
                        id, Subscription(d.SubscriptionId, d.SubscriptionName), d.Id, d.OfferName, d.ManagingTenantId.ToString());
                }
            }
            return (id, detailRows);
        }

        internal static bool IsUnhealthy(string? status) => string.Equals(status, "Unhealthy", StringComparison.OrdinalIgnoreCase);
        internal static bool IsActive(string? status) => string.Equals(status, "Active", StringComparison.OrdinalIgnoreCase);

        private static object? Real(double value) => double.IsNaN(value) ? null : value;

        private long Tenant(Guid tenantId, string? name) =>
            Intern(_tenants, tenantId.ToString(), "tenant-find", "SELECT no FROM tenants WHERE tenant_id = $1;", "tenant-add", "INSERT INTO tenants (tenant_id, name) VALUES ($1,$2) RETURNING no;", name, null);

        private long Subscription(string subscriptionId, string? name) =>
            Intern(_subscriptions, subscriptionId, "sub-find", "SELECT no FROM subscriptions WHERE subscription_id = $1;", "sub-add", "INSERT INTO subscriptions (subscription_id, name) VALUES ($1,$2) RETURNING no;", name, null);

        private long Assessment(string key, string? displayName, string? severity) =>
            Intern(_assessments, key, "assessment-find", "SELECT no FROM assessments WHERE assessment_key = $1;", "assessment-add",
                "INSERT INTO assessments (assessment_key, display_name, severity) VALUES ($1,$2,$3) RETURNING no;", displayName, severity);

        private long Resource(string resourceId) =>
            Intern(_resources, resourceId, "resource-find", "SELECT no FROM resources WHERE resource_id = $1;", "resource-add", "INSERT INTO resources (resource_id) VALUES ($1) RETURNING no;", null, null, values: 1);

        private long Intern(Dictionary<string, long> cache, string key, string findName, string find, string addName, string add, string? second, string? third, int values = 0)
        {
            if (cache.TryGetValue(key, out long no)) return no;
            object? found = Run(findName, find, true, key);
            if (found is null || found is DBNull)
            {
                found = values == 1 ? Run(addName, add, true, key) : third is null && !add.Contains("$3") ? Run(addName, add, true, key, second) : Run(addName, add, true, key, second, third);
            }
            no = Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture);
            cache[key] = no;
            return no;
        }

        private object? Run(string name, string sql, bool scalar, params object?[] values)
        {
            if (!_commands.TryGetValue(name, out SqliteCommand? command))
            {
                command = _connection.CreateCommand();
                command.Transaction = _transaction;
                command.CommandText = sql;
                for (int i = 0; i < values.Length; i++) command.Parameters.Add(new SqliteParameter("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), null));
                command.Prepare();
                _commands[name] = command;
            }
            for (int i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
            object? result = scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
            if (!scalar && _onRows is not null) _onRows(++_rows);
            return result;
        }
    }
}
