using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using static CrossTenantSecurity.Engine.Reporting.Html;
using CrossTenantSecurity.Engine.Snapshot;

namespace CrossTenantSecurity.Engine.Reporting
{
    /// <summary>
    /// A snapshot as one self-contained HTML page: inline CSS and script, charts as inline SVG, no request to any
    /// host (a Content-Security-Policy forbids them). Sections: executive summary, secure score per customer,
    /// plan coverage, unhealthy recommendations by severity, top recommendations and controls, active alerts,
    /// compliance per standard, subscriptions that could not be audited, then one section per customer.
    /// Tables sort (click a heading) and filter (the search box above them). Every value is HTML-escaped.
    /// </summary>
    internal static class HtmlReportWriter
    {
        private static readonly string[] Severities = { "High", "Medium", "Low", "Other" };

        public static void Write(PostureSnapshot snapshot, TextWriter writer, IReadOnlyList<PostureTrendPoint>? history = null)
        {
            IReadOnlyList<PostureTrendPoint> trend = TrendSection.PointsFor(snapshot, history);
            bool customer = snapshot.CustomerTenantId is not null;
            string title = customer
                ? $"Defender for Cloud posture: {snapshot.Tenants[0].TenantName ?? snapshot.Tenants[0].TenantId.ToString()}"
                : "Defender for Cloud posture across customers";
            var h = new StringBuilder(64 * 1024 + snapshot.Subscriptions.Count * 700);
            h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
            h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
            h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            h.Append($"<meta name=\"generator\" content=\"CrossTenantSecurity\"><meta name=\"schema-version\" content=\"{PostureSnapshot.CurrentSchemaVersion}\">");
            // A large estate's customer sections are laid out only when scrolled to (content-visibility), so the page opens fast.
            h.Append($"<title>{E(title)}</title><style>{ReportAssets.Css}</style></head><body{(snapshot.SubscriptionCount > 200 ? " class=\"large\"" : string.Empty)}>");
            h.Append($"<header><h1>{E(title)}</h1><p class=\"meta\">Taken {E(snapshot.TakenAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))} by {E(snapshot.Account)} " +
                     $"(managing tenant {E(snapshot.ManagingTenantId.ToString())}, {E(snapshot.Environment)}, source {E(snapshot.Source)}) in {E(snapshot.Duration.TotalSeconds, "0.0")} s. " +
                     $"Scope: {E(Scope(snapshot))}.</p>");
            h.Append("<nav><a href=\"#summary\">Summary</a><a href=\"#scores\">Secure score</a>" + (trend.Count > 0 ? "<a href=\"#trend\">Trend</a>" : string.Empty) + "<a href=\"#plans\">Plan coverage</a><a href=\"#unhealthy\">Recommendations</a>" +
                     "<a href=\"#controls\">Controls</a><a href=\"#alerts\">Alerts</a><a href=\"#compliance\">Compliance</a><a href=\"#failures\">Not audited</a><a href=\"#customers\">Customers</a></nav></header><main>");

            Summary(h, snapshot);
            Scores(h, snapshot);
            if (trend.Count > 0) TrendSection.Write(h, snapshot, trend);
            Plans(h, snapshot);
            Unhealthy(h, snapshot);
            Controls(h, snapshot);
            Alerts(h, snapshot);
            Compliance(h, snapshot);
            Failures(h, "failures", snapshot.Failures, withCustomer: !customer);
            Customers(h, snapshot);

            h.Append($"</main><footer>CrossTenantSecurity posture report, schema {PostureSnapshot.CurrentSchemaVersion}. Self-contained: it requests nothing from any host.</footer>");
            h.Append($"<script>{ReportAssets.Script}</script></body></html>\n");
            writer.Write(h.ToString());
        }

        private static string Scope(PostureSnapshot s)
        {
            if (s.CustomerTenantId is Guid t) return $"one customer ({s.Tenants[0].TenantName ?? t.ToString()}, {t}), {s.SubscriptionCount} subscription(s)";
            string tenants = s.ScopeTenantIds.Count == 0 ? "every customer" : $"{s.ScopeTenantIds.Count} customer(s) by id";
            string subs = s.ScopeSubscriptionIds.Count == 0 ? string.Empty : $", {s.ScopeSubscriptionIds.Count} subscription(s) by id";
            return $"{tenants}{subs}{(s.IncludeHome ? ", own subscriptions included" : string.Empty)}: {s.TenantCount} tenant(s), {s.SubscriptionCount} subscription(s)";
        }

        private static string Pct(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0", CultureInfo.InvariantCulture) + " %";

        private static void Card(StringBuilder h, string label, string value, string? css = null) =>
            h.Append($"<div class=\"card {E(css)}\"><div class=\"value\">{E(value)}</div><div class=\"label\">{E(label)}</div></div>");

        private static void Summary(StringBuilder h, PostureSnapshot s)
        {
            h.Append("<section id=\"summary\"><h2>Executive summary</h2><div class=\"cards\">");
            Card(h, s.CustomerTenantId is null ? "customers" : "customer", s.TenantCount.ToString(CultureInfo.InvariantCulture));
            Card(h, "subscriptions fully audited", $"{s.AuditedCount} / {s.SubscriptionCount}");
            Card(h, "weighted secure score", Pct(s.Percentage), ScoreClass(s.Percentage));
            Card(h, "unhealthy: high severity", s.Unhealthy.High.ToString(CultureInfo.InvariantCulture), s.Unhealthy.High > 0 ? "bad" : "good");
            Card(h, "unhealthy: medium / low", $"{s.Unhealthy.Medium} / {s.Unhealthy.Low}");
            Card(h, "active alerts (high)", $"{s.ActiveAlerts.Total} ({s.ActiveAlerts.High})", s.ActiveAlerts.High > 0 ? "bad" : null);
            Card(h, "reads that failed", s.FailureCount.ToString(CultureInfo.InvariantCulture), s.FailureCount > 0 ? "warn" : "good");
            h.Append("</div><ul class=\"findings\">");
            var scored = s.Tenants.Where(t => !double.IsNaN(t.Percentage)).OrderBy(t => t.Percentage).ToList();
            if (s.CustomerTenantId is null && scored.Count > 0)
                h.Append($"<li>Lowest secure score: <b>{E(scored[0].TenantName ?? scored[0].TenantId.ToString())}</b> at {E(Pct(scored[0].Percentage))}; highest: <b>{E(scored[^1].TenantName ?? scored[^1].TenantId.ToString())}</b> at {E(Pct(scored[^1].Percentage))}.</li>");
            if (s.TopControls.Count > 0)
                h.Append($"<li>Most score to gain: <b>{E(s.TopControls[0].DisplayName ?? s.TopControls[0].Name)}</b> (+{E(s.TopControls[0].PotentialIncrease)} points over {E(s.TopControls[0].SubscriptionCount)} subscription(s)).</li>");
            if (s.TopRecommendations.Count > 0)
                h.Append($"<li>Top recommendation: <b>{E(s.TopRecommendations[0].DisplayName ?? s.TopRecommendations[0].AssessmentKey)}</b> ({E(s.TopRecommendations[0].Severity.ToString())}, {E(s.TopRecommendations[0].UnhealthyCount)} unhealthy resource(s)).</li>");
            int missing = s.Tenants.Sum(t => t.MissingCount);
            if (missing > 0) h.Append($"<li>{E(missing)} subscription(s) have no secure score (not computed yet or not readable); see <a href=\"#failures\">not audited</a>.</li>");
            h.Append("</ul></section>");
        }

        private static string? ScoreClass(double p) => double.IsNaN(p) ? null : p < 40 ? "bad" : p < 70 ? "warn" : "good";

        private static void Scores(StringBuilder h, PostureSnapshot s)
        {
            h.Append("<section id=\"scores\"><h2>Secure score per customer</h2><p>Weighted by subscription weight: sum(weight &#215; current / max) / sum(weight). Worst first; the line is the weighted roll-up over all subscriptions shown.</p>");
            var bars = s.Tenants.Where(t => !double.IsNaN(t.Percentage)).OrderBy(t => t.Percentage).ThenBy(t => t.TenantName, StringComparer.OrdinalIgnoreCase)
                .Select(t => new ChartBar(t.TenantName ?? t.TenantId.ToString(), new[] { (t.Percentage, ScoreSeries(t.Percentage)) }, Pct(t.Percentage))).ToList();
            h.Append(SvgChart.Bars("chart-scores", "Secure score per customer, worst first", bars, 100, " %", (s.Percentage, $"roll-up {Pct(s.Percentage)}")));
            var unscored = s.Tenants.Where(t => double.IsNaN(t.Percentage)).ToList();
            if (unscored.Count > 0) h.Append($"<p class=\"note\">No score: {E(string.Join(", ", unscored.Select(t => t.TenantName ?? t.TenantId.ToString())))}.</p>");
            h.Append(Table("table-scores", new[] { "Customer", "Score", "Scored subs", "Missing", "Weight", "Current", "Max" },
                s.Tenants.Select(t => new[] { Cell(t.TenantName ?? t.TenantId.ToString()), Num(Pct(t.Percentage), t.Percentage), Num(t.ScoredCount), Num(t.MissingCount), Num(t.Weight), Num(t.Current), Num(t.Max) })));
            h.Append("</section>");
        }

        private static string ScoreSeries(double p) => p < 40 ? "bad" : p < 70 ? "warn" : "good";

        private static void Plans(StringBuilder h, PostureSnapshot s)
        {
            List<string> plans = s.Plans.Select(p => p.Plan).ToList();
            h.Append("<section id=\"plans\"><h2>Defender plan coverage</h2><p>Subscriptions with the plan on the Standard tier, of those whose plans could be read.</p>");
            var rows = s.Tenants.Select(t =>
            {
                var cells = new List<string> { Cell(t.TenantName ?? t.TenantId.ToString()) };
                foreach (string plan in plans)
                {
                    PlanCoverage? c = t.Plans.FirstOrDefault(p => string.Equals(p.Plan, plan, StringComparison.OrdinalIgnoreCase));
                    cells.Add(c is null || c.SubscriptionCount == 0
                        ? "<td class=\"cov none\" data-sort=\"-1\">&#8211;</td>"
                        : $"<td class=\"cov {CoverageClass(c.Percentage)}\" data-sort=\"{Sort(c.Percentage)}\" title=\"{E(plan)}: {E(c.EnabledCount)} of {E(c.SubscriptionCount)}\">{E(c.EnabledCount)}/{E(c.SubscriptionCount)}</td>");
                }
                return cells.ToArray();
            }).ToList();
            if (s.CustomerTenantId is null)
            {
                var all = new List<string> { "<td><b>All customers</b></td>" };
                all.AddRange(s.Plans.Select(c => $"<td class=\"cov {CoverageClass(c.Percentage)}\" data-sort=\"{Sort(c.Percentage)}\">{E(c.EnabledCount)}/{E(c.SubscriptionCount)}</td>"));
                rows.Add(all.ToArray());
            }
            h.Append(Table("table-plans", new[] { "Customer" }.Concat(plans).ToArray(), rows, "matrix"));
            h.Append("</section>");
        }

        private static string CoverageClass(double p) => double.IsNaN(p) ? "none" : p >= 100 ? "full" : p > 0 ? "part" : "zero";

        private static void Unhealthy(StringBuilder h, PostureSnapshot s)
        {
            h.Append("<section id=\"unhealthy\"><h2>Unhealthy recommendations by severity</h2><p>Unhealthy assessments (one per resource) per customer, most high-severity first.</p>");
            var bars = s.Tenants.OrderByDescending(t => t.Unhealthy.High).ThenByDescending(t => t.Unhealthy.Total).ThenBy(t => t.TenantName, StringComparer.OrdinalIgnoreCase)
                .Select(t => new ChartBar(t.TenantName ?? t.TenantId.ToString(), Segments(t.Unhealthy))).ToList();
            h.Append(SvgChart.Bars("chart-unhealthy", "Unhealthy recommendations by severity per customer", bars, null, string.Empty, legend: Severities));
            h.Append(Table("table-unhealthy", new[] { "Customer", "High", "Medium", "Low", "Other", "Total" },
                s.Tenants.Select(t => new[] { Cell(t.TenantName ?? t.TenantId.ToString()), Num(t.Unhealthy.High), Num(t.Unhealthy.Medium), Num(t.Unhealthy.Low), Num(t.Unhealthy.Other), Num(t.Unhealthy.Total) })));
            h.Append("<h3>Top recommendations").Append(s.CustomerTenantId is null ? " across customers" : string.Empty).Append("</h3>");
            h.Append(RecommendationTable("table-recommendations", s.TopRecommendations, s.CustomerTenantId is null));
            h.Append("</section>");
        }

        private static IReadOnlyList<(double, string)> Segments(SeverityCounts c) =>
            new (double, string)[] { (c.High, "High"), (c.Medium, "Medium"), (c.Low, "Low"), (c.Other, "Other") };

        private static string RecommendationTable(string id, IReadOnlyList<RecommendationSummary> rows, bool withTenants) =>
            Table(id, withTenants ? new[] { "Rank", "Recommendation", "Severity", "Unhealthy", "Subscriptions", "Customers" } : new[] { "Rank", "Recommendation", "Severity", "Unhealthy", "Subscriptions" },
                rows.Select(r =>
                {
                    var cells = new List<string> { Num(r.Rank), Cell(r.DisplayName ?? r.AssessmentKey), $"<td class=\"sev {E(r.Severity.ToString().ToLowerInvariant())}\" data-sort=\"{(long)r.Severity}\">{E(r.Severity.ToString())}</td>", Num(r.UnhealthyCount), Num(r.SubscriptionCount) };
                    if (withTenants) cells.Add(Num(r.TenantCount));
                    return cells.ToArray();
                }));

        private static string ControlTable(string id, IReadOnlyList<SecureScoreControlSummary> rows, bool withTenants) =>
            Table(id, withTenants ? new[] { "Rank", "Control", "Points to gain", "Unhealthy resources", "Subscriptions", "Customers" } : new[] { "Rank", "Control", "Points to gain", "Unhealthy resources", "Subscriptions" },
                rows.Select(c =>
                {
                    var cells = new List<string> { Num(c.Rank), Cell(c.DisplayName ?? c.Name), Num(c.PotentialIncrease), Num(c.UnhealthyResourceCount), Num(c.SubscriptionCount) };
                    if (withTenants) cells.Add(Num(c.TenantCount));
                    return cells.ToArray();
                }));

        private static void Controls(StringBuilder h, PostureSnapshot s)
        {
            h.Append("<section id=\"controls\"><h2>Controls worth most score</h2><p>Points gained if the control were fixed everywhere (max &#8722; current, summed over subscriptions).</p>");
            var bars = s.TopControls.Select(c => new ChartBar(c.DisplayName ?? c.Name, new[] { (c.PotentialIncrease, "Gain") }, "+" + N(c.PotentialIncrease))).ToList();
            h.Append(SvgChart.Bars("chart-controls", "Controls worth most score", bars, null, string.Empty));
            h.Append(ControlTable("table-controls", s.TopControls, s.CustomerTenantId is null));
            h.Append("</section>");
        }

        private static void Alerts(StringBuilder h, PostureSnapshot s)
        {
            h.Append("<section id=\"alerts\"><h2>Active alerts by severity</h2>");
            var bars = Severities.Select(sev => new ChartBar(sev, new[] { ((double)Count(s.ActiveAlerts, sev), sev) })).ToList();
            h.Append(SvgChart.Bars("chart-alerts", "Active alerts by severity", bars, null, string.Empty));
            h.Append(Table("table-alerts", new[] { "Customer", "High", "Medium", "Low", "Other", "Total" },
                s.Tenants.Select(t => new[] { Cell(t.TenantName ?? t.TenantId.ToString()), Num(t.ActiveAlerts.High), Num(t.ActiveAlerts.Medium), Num(t.ActiveAlerts.Low), Num(t.ActiveAlerts.Other), Num(t.ActiveAlerts.Total) })));
            h.Append("</section>");
        }

        private static int Count(SeverityCounts c, string severity) => severity switch { "High" => c.High, "Medium" => c.Medium, "Low" => c.Low, _ => c.Other };

        private static void Compliance(StringBuilder h, PostureSnapshot s)
        {
            h.Append("<section id=\"compliance\"><h2>Regulatory compliance per standard</h2><p>Controls passed of those assessed (passed + failed), summed over subscriptions.</p>");
            var bars = s.Compliance.Where(c => !double.IsNaN(c.PassedPercentage)).OrderBy(c => c.PassedPercentage)
                .Select(c => new ChartBar(c.Standard, new[] { (c.PassedPercentage, ScoreSeries(c.PassedPercentage)) }, Pct(c.PassedPercentage))).ToList();
            h.Append(SvgChart.Bars("chart-compliance", "Controls passed per standard", bars, 100, " %"));
            var rows = new List<string[]>();
            foreach (TenantPostureSummary t in s.Tenants)
            {
                foreach (ComplianceSummary c in t.Compliance)
                    rows.Add(new[] { Cell(t.TenantName ?? t.TenantId.ToString()), Cell(c.Standard), Num(Pct(c.PassedPercentage), c.PassedPercentage), Num(c.PassedControls), Num(c.FailedControls), Num(c.SkippedControls), Num(c.SubscriptionCount) });
            }
            h.Append(Table("table-compliance", new[] { "Customer", "Standard", "Passed", "Passed controls", "Failed controls", "Skipped", "Subscriptions" }, rows));
            h.Append("</section>");
        }

        private static void Failures(StringBuilder h, string id, IReadOnlyList<SnapshotFailure> failures, bool withCustomer, bool section = true)
        {
            if (section) h.Append($"<section id=\"{E(id)}\"><h2>Subscriptions that could not be audited</h2>");
            if (failures.Count == 0)
            {
                h.Append("<p class=\"good\">Every posture kind of every subscription was read.</p>");
            }
            else
            {
                if (section) h.Append($"<p>{E(failures.Select(f => f.Target).Distinct(StringComparer.OrdinalIgnoreCase).Count())} subscription(s), {E(failures.Count)} read(s). Each row says what failed and how to fix it.</p>");
                var headers = withCustomer ? new[] { "Customer", "Subscription", "Kind", "Error", "Reason", "Fix" } : new[] { "Subscription", "Kind", "Error", "Reason", "Fix" };
                h.Append(Table($"table-{id}", headers, failures.Select(f =>
                {
                    var cells = new List<string>();
                    if (withCustomer) cells.Add(Cell(f.TenantName ?? f.TenantId?.ToString()));
                    cells.Add($"<td>{E(f.SubscriptionName)}<br><span class=\"id\">{E(f.Target)}</span></td>");
                    cells.Add(Cell(f.PostureKind));
                    cells.Add($"<td class=\"id\">{E(f.ErrorId)}</td>");
                    cells.Add(Cell(f.Message));
                    cells.Add(Cell(f.RecommendedAction));
                    return cells.ToArray();
                })));
            }
            if (section) h.Append("</section>");
        }

        private static void Customers(StringBuilder h, PostureSnapshot s)
        {
            h.Append("<section id=\"customers\"><h2>Customers</h2>");
            if (s.CustomerTenantId is null)
            {
                h.Append("<ul class=\"toc\">");
                foreach (TenantPostureSummary t in s.Tenants) h.Append($"<li><a href=\"#tenant-{E(t.TenantId.ToString())}\">{E(t.TenantName ?? t.TenantId.ToString())}</a> {E(Pct(t.Percentage))}</li>");
                h.Append("</ul>");
            }
            var subscriptionsByTenant = s.Subscriptions.GroupBy(x => x.TenantId).ToDictionary(g => g.Key, g => g.ToList());
            var failuresByTenant = s.Failures.Where(f => f.TenantId is not null).GroupBy(f => f.TenantId!.Value).ToDictionary(g => g.Key, g => g.ToList());
            foreach (TenantPostureSummary t in s.Tenants)
            {
                string key = t.TenantId.ToString();
                h.Append($"<section class=\"customer\" id=\"tenant-{E(key)}\" data-tenant-id=\"{E(key)}\"><h3>{E(t.TenantName ?? key)}</h3>");
                h.Append($"<p class=\"meta\">Tenant {E(key)}: {E(t.SubscriptionCount)} subscription(s), secure score {E(Pct(t.Percentage))}, " +
                         $"{E(t.Unhealthy.High)} high / {E(t.Unhealthy.Medium)} medium / {E(t.Unhealthy.Low)} low unhealthy, {E(t.ActiveAlerts.Total)} active alert(s), {E(t.FailureCount)} failed read(s).</p>");
                List<SubscriptionPostureSummary> subs = subscriptionsByTenant.TryGetValue(t.TenantId, out var list) ? list : new List<SubscriptionPostureSummary>();
                h.Append(Table($"table-subs-{key}", new[] { "Subscription", "Score", "High", "Medium", "Low", "Active alerts", "Plans on", "Compliance failed", "Not read" },
                    subs.Select(x => new[]
                    {
                        $"<td>{E(x.SubscriptionName)}<br><span class=\"id\">{E(x.SubscriptionId)}</span></td>",
                        Num(x.Percentage is double p ? Pct(p) : "n/a", x.Percentage ?? double.NaN),
                        Num(x.Unhealthy.High), Num(x.Unhealthy.Medium), Num(x.Unhealthy.Low), Num(x.ActiveAlerts.Total),
                        Num(x.PlansRead.Count == 0 ? "n/a" : $"{x.EnabledPlans.Count}/{x.PlansRead.Count}", x.PlansRead.Count == 0 ? double.NaN : x.EnabledPlans.Count),
                        Num(x.Compliance.Sum(c => c.FailedControls)),
                        Cell(string.Join(", ", x.FailedKinds)),
                    }), "subs"));
                if (t.TopRecommendations.Count > 0)
                {
                    h.Append("<h4>Top recommendations</h4>");
                    h.Append(RecommendationTable($"table-recs-{key}", t.TopRecommendations, false));
                }
                if (t.TopControls.Count > 0)
                {
                    h.Append("<h4>Controls worth most score</h4>");
                    h.Append(ControlTable($"table-controls-{key}", t.TopControls, false));
                }
                if (failuresByTenant.TryGetValue(t.TenantId, out var failures))
                {
                    h.Append("<h4>Not audited</h4>");
                    Failures(h, $"failures-{key}", failures, withCustomer: false, section: false);
                }
                h.Append("</section>");
            }
            h.Append("</section>");
        }

        private static string Cell(string? text) => $"<td>{E(text)}</td>";
        private static string Num(double value) => $"<td class=\"num\" data-sort=\"{Sort(value)}\">{E(value, "0.##")}</td>";
        private static string Num(int value) => $"<td class=\"num\" data-sort=\"{E(value)}\">{E(value)}</td>";
        private static string Num(long value) => Num((double)value);
        private static string Num(string text, double sort) => $"<td class=\"num\" data-sort=\"{Sort(sort)}\">{E(text)}</td>";

        /// <summary>A sortable, filterable table; cells are already escaped by the helpers above.</summary>
        private static string Table(string id, IReadOnlyList<string> headers, IEnumerable<string[]> rows, string? css = null)
        {
            var t = new StringBuilder();
            t.Append($"<div class=\"tablewrap\"><input type=\"search\" class=\"filter\" data-table=\"{E(id)}\" placeholder=\"Filter rows\" aria-label=\"Filter rows\">");
            t.Append($"<table class=\"sortable {E(css)}\" id=\"{E(id)}\"><thead><tr>");
            foreach (string header in headers) t.Append($"<th scope=\"col\" tabindex=\"0\">{E(header)}</th>");
            t.Append("</tr></thead><tbody>");
            int count = 0;
            foreach (string[] row in rows)
            {
                t.Append("<tr>");
                foreach (string cell in row) t.Append(cell);
                t.Append("</tr>");
                count++;
            }
            if (count == 0) t.Append($"<tr class=\"empty\"><td colspan=\"{headers.Count}\">None</td></tr>");
            t.Append("</tbody></table></div>");
            return t.ToString();
        }
    }
}
