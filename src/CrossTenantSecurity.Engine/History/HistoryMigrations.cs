using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>
    /// The history schema, as ordered migrations. PRAGMA user_version holds the last one applied; opening a database
    /// applies the rest in one transaction. Never edit a shipped migration: add the next one.
    /// </summary>
    internal static class HistoryMigrations
    {
        public static IReadOnlyList<string> All { get; } = new[]
        {
            // 1: snapshots, the customers and subscriptions they hold (interned), summary rows per customer and subscription,
            //    and the resource-level rows drift needs (unhealthy assessments, plans, active alerts, delegations).
            @"
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY, taken_at INTEGER NOT NULL, duration_ms INTEGER NOT NULL, managing_tenant_id TEXT NOT NULL,
  account TEXT, environment TEXT, source TEXT, customer_tenant_id TEXT, percentage REAL,
  unhealthy_high INTEGER NOT NULL, unhealthy_medium INTEGER NOT NULL, unhealthy_low INTEGER NOT NULL, alerts_active INTEGER NOT NULL,
  tenant_count INTEGER NOT NULL, subscription_count INTEGER NOT NULL, failure_count INTEGER NOT NULL,
  has_detail INTEGER NOT NULL, detail_rows INTEGER NOT NULL);
CREATE INDEX snapshots_taken_at ON snapshots(taken_at);
CREATE TABLE tenants (no INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL UNIQUE, name TEXT);
CREATE TABLE subscriptions (no INTEGER PRIMARY KEY, subscription_id TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT);
CREATE TABLE tenant_rows (
  tenant_no INTEGER NOT NULL, snapshot_id INTEGER NOT NULL, tenant_name TEXT, subscription_count INTEGER NOT NULL, scored_count INTEGER NOT NULL,
  percentage REAL, current REAL, max REAL, weight INTEGER,
  unhealthy_high INTEGER NOT NULL, unhealthy_medium INTEGER NOT NULL, unhealthy_low INTEGER NOT NULL,
  alerts_high INTEGER NOT NULL, alerts_medium INTEGER NOT NULL, alerts_low INTEGER NOT NULL, alerts_other INTEGER NOT NULL,
  plans_enabled INTEGER NOT NULL, plans_read INTEGER NOT NULL, compliance_passed INTEGER NOT NULL, compliance_failed INTEGER NOT NULL,
  failed_subscriptions INTEGER NOT NULL,
  PRIMARY KEY (tenant_no, snapshot_id)) WITHOUT ROWID;
CREATE TABLE subscription_rows (
  sub_no INTEGER NOT NULL, snapshot_id INTEGER NOT NULL, tenant_no INTEGER NOT NULL, tenant_name TEXT, subscription_name TEXT, state TEXT, access_type TEXT,
  current REAL, max REAL, percentage REAL, weight INTEGER, healthy INTEGER NOT NULL,
  unhealthy_high INTEGER NOT NULL, unhealthy_medium INTEGER NOT NULL, unhealthy_low INTEGER NOT NULL,
  alerts_high INTEGER NOT NULL, alerts_medium INTEGER NOT NULL, alerts_low INTEGER NOT NULL, alerts_other INTEGER NOT NULL,
  plans_read TEXT NOT NULL, plans_enabled TEXT NOT NULL, compliance_passed INTEGER NOT NULL, compliance_failed INTEGER NOT NULL,
  delegation_count INTEGER NOT NULL, failed_kinds TEXT NOT NULL,
  PRIMARY KEY (sub_no, snapshot_id)) WITHOUT ROWID;
CREATE INDEX subscription_rows_snapshot ON subscription_rows(snapshot_id);
CREATE INDEX subscription_rows_tenant ON subscription_rows(tenant_no, snapshot_id);
CREATE TABLE assessments (no INTEGER PRIMARY KEY, assessment_key TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT, severity TEXT);
CREATE TABLE resources (no INTEGER PRIMARY KEY, resource_id TEXT NOT NULL UNIQUE COLLATE NOCASE);
CREATE TABLE unhealthy_rows (snapshot_id INTEGER NOT NULL, sub_no INTEGER NOT NULL, assessment_no INTEGER NOT NULL, resource_no INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, sub_no, assessment_no, resource_no)) WITHOUT ROWID;
CREATE TABLE plan_rows (snapshot_id INTEGER NOT NULL, sub_no INTEGER NOT NULL, plan TEXT NOT NULL, tier TEXT, sub_plan TEXT, enabled INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, sub_no, plan)) WITHOUT ROWID;
CREATE TABLE alert_rows (snapshot_id INTEGER NOT NULL, sub_no INTEGER NOT NULL, alert_name TEXT NOT NULL, display_name TEXT, severity TEXT, start_time INTEGER,
  PRIMARY KEY (snapshot_id, sub_no, alert_name)) WITHOUT ROWID;
CREATE TABLE delegation_rows (snapshot_id INTEGER NOT NULL, sub_no INTEGER NOT NULL, delegation_id TEXT NOT NULL, offer_name TEXT, managing_tenant_id TEXT,
  PRIMARY KEY (snapshot_id, sub_no, delegation_id)) WITHOUT ROWID;
CREATE TABLE failure_rows (snapshot_id INTEGER NOT NULL, error_id TEXT NOT NULL, posture_kind TEXT, tenant_id TEXT, target TEXT, message TEXT);
CREATE INDEX failure_rows_snapshot ON failure_rows(snapshot_id);
",
            // 2: who wrote the database (module version, machine) so a shared file says where its rows came from.
            @"
CREATE TABLE writers (snapshot_id INTEGER PRIMARY KEY, module_version TEXT, machine TEXT);
",
        };

        public static int Latest => All.Count;
    }
}
