using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>Reads one saved snapshot back as a <see cref="SnapshotState"/> for drift and the gate.</summary>
    internal static class SnapshotStateReader
    {
        public static SnapshotState Read(SqliteConnection connection, long id)
        {
            SnapshotState state;
            using (SqliteCommand c = Command(connection, "SELECT taken_at, has_detail FROM snapshots WHERE id = $id;", id))
            using (SqliteDataReader r = c.ExecuteReader())
            {
                if (!r.Read()) throw new KeyNotFoundException($"The history holds no snapshot with id {id}.");
                state = new SnapshotState(id, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetInt64(1) != 0);
            }
            using (SqliteCommand c = Command(connection, "SELECT t.tenant_id, r.tenant_name, r.percentage FROM tenant_rows r JOIN tenants t ON t.no = r.tenant_no WHERE r.snapshot_id = $id;", id))
            using (SqliteDataReader r = c.ExecuteReader())
            {
                while (r.Read())
                {
                    Guid tenant = Guid.Parse(r.GetString(0));
                    state.Tenants[tenant] = new TenantState(tenant, Text(r, 1), r.IsDBNull(2) ? null : r.GetDouble(2));
                }
            }
            var byNo = new Dictionary<long, SubscriptionState>();
            using (SqliteCommand c = Command(connection, @"SELECT r.sub_no, u.subscription_id, r.subscription_name, t.tenant_id, r.tenant_name, r.percentage, r.plans_read, r.plans_enabled, r.failed_kinds
                FROM subscription_rows r JOIN subscriptions u ON u.no = r.sub_no JOIN tenants t ON t.no = r.tenant_no WHERE r.snapshot_id = $id;", id))
            using (SqliteDataReader r = c.ExecuteReader())
            {
                while (r.Read())
                {
                    var sub = new SubscriptionState(r.GetString(1), Text(r, 2), Guid.Parse(r.GetString(3)), Text(r, 4), r.IsDBNull(5) ? null : r.GetDouble(5), Split(r.GetString(8)));
                    var enabled = new HashSet<string>(Split(r.GetString(7)), StringComparer.OrdinalIgnoreCase);
                    foreach (string plan in Split(r.GetString(6))) sub.Plans[plan] = new PlanState(plan, enabled.Contains(plan), null, null);
                    state.Subscriptions[sub.SubscriptionId] = sub;
                    byNo[r.GetInt64(0)] = sub;
                }
            }
            if (!state.HasDetail) return state;
            using (SqliteCommand c = Command(connection, @"SELECT x.sub_no, a.assessment_key, a.display_name, a.severity, z.resource_id FROM unhealthy_rows x
                JOIN assessments a ON a.no = x.assessment_no JOIN resources z ON z.no = x.resource_no WHERE x.snapshot_id = $id;", id))
            using (SqliteDataReader r = c.ExecuteReader())
            {
                while (r.Read())
                {
                    if (byNo.TryGetValue(r.GetInt64(0), out SubscriptionState? sub)) sub.AddUnhealthy(r.GetString(1), r.GetString(4), Text(r, 2), Text(r, 3));
                }
            }
            using (SqliteCommand c = Command(connection, "SELECT sub_no, plan, tier, sub_plan, enabled FROM plan_rows WHERE snapshot_id = $id;", id))
            using (SqliteDataReader r = c.ExecuteReader())
            {
                while (r.Read())
                {
                    if (byNo.TryGetValue(r.GetInt64(0), out SubscriptionState? sub)) sub.Plans[r.GetString(1)] = new PlanState(r.GetString(1), r.GetInt64(4) != 0, Text(r, 2), Text(r, 3));
                }
            }
            using (SqliteCommand c = Command(connection, "SELECT sub_no, alert_name, display_name, severity FROM alert_rows WHERE snapshot_id = $id;", id))
            using (SqliteDataReader r = c.ExecuteReader())
            {
                while (r.Read())
                {
                    if (byNo.TryGetValue(r.GetInt64(0), out SubscriptionState? sub)) sub.ActiveAlerts[r.GetString(1)] = new AlertState(r.GetString(1), Text(r, 2), Text(r, 3));
                }
            }
            using (SqliteCommand c = Command(connection, "SELECT sub_no, delegation_id, offer_name FROM delegation_rows WHERE snapshot_id = $id;", id))
            using (SqliteDataReader r = c.ExecuteReader())
            {
                while (r.Read())
                {
                    if (byNo.TryGetValue(r.GetInt64(0), out SubscriptionState? sub)) sub.Delegations[r.GetString(1)] = Text(r, 2);
                }
            }
            return state;
        }

        private static SqliteCommand Command(SqliteConnection connection, string sql, long id)
        {
            SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id);
            return command;
        }

        private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        private static string[] Split(string list) => list.Length == 0 ? Array.Empty<string>() : list.Split(',');
    }
}
