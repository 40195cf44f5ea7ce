using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossTenantSecurity.Engine.History;
using CrossTenantSecurity.Engine.Snapshot;

namespace CrossTenantSecurity.Engine.Gate
{
    /// <summary>
    /// Evaluates a policy on a snapshot: one result per check and scope. A value that could not be read is an Error
    /// (never a pass or a fail); nothing to measure (no score yet) is Skipped; an exemption in force turns a failure
    /// into Skipped and says why and until when.
    /// </summary>
    public static class GateEvaluator
    {
        public static GateEvaluation Evaluate(PostureSnapshot snapshot, GatePolicy policy, SnapshotState? baseline, DateTimeOffset now)
        {
            if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
            if (policy is null) throw new ArgumentNullException(nameof(policy));
            var results = new List<PostureCheckResult>();
            var warnings = new List<string>();
            foreach (GateExemption expired in policy.Exemptions.Where(e => e.Expires < now))
                warnings.Add($"The exemption of {expired.Check} for {expired.Scope} expired on {expired.Expires:yyyy-MM-dd} ({expired.Reason}); the check applies again.");
            var exemptions = policy.Exemptions.Where(e => e.Expires >= now).ToList();
            bool needsBaseline = false;

            foreach (TenantPostureSummary tenant in snapshot.Tenants.OrderBy(t => t.TenantName, StringComparer.OrdinalIgnoreCase))
            {
                GateThresholds t = policy.For(tenant.TenantId);
                if (t.MinimumCustomerScore is double minimum)
                {
                    string threshold = ">= " + Number(minimum);
                    if (double.IsNaN(tenant.Percentage))
                    {
                        results.Add(tenant.FailedSubscriptionCount > 0
                            ? Tenant(tenant, "MinimumSecureScore", PostureCheckOutcome.Error, null, threshold, $"No subscription of the customer could be scored; {tenant.FailedSubscriptionCount} could not be read.")
                            : Tenant(tenant, "MinimumSecureScore", PostureCheckOutcome.Skipped, null, threshold, "No subscription of the customer has a secure score yet."));
                    }
                    else
                    {
                        bool ok = tenant.Percentage >= minimum;
                        results.Add(Tenant(tenant, "MinimumSecureScore", ok ? PostureCheckOutcome.Passed : PostureCheckOutcome.Failed, Number(tenant.Percentage), threshold,
                            ok ? $"Secure score {Number(tenant.Percentage)} % is at least {Number(minimum)} %." : $"Secure score {Number(tenant.Percentage)} % is below {Number(minimum)} %."));
                    }
                }
                if (t.MaximumScoreDrop is double maxDrop)
                {
                    string threshold = "drop <= " + Number(maxDrop);
                    if (baseline is null)
                    {
                        needsBaseline = true;
                        results.Add(Tenant(tenant, "MaximumScoreDrop", PostureCheckOutcome.Skipped, null, threshold, "No saved snapshot to compare with."));
                    }
                    else if (!baseline.Tenants.TryGetValue(tenant.TenantId, out TenantState? before) || before.Percentage is null)
                    {
                        results.Add(Tenant(tenant, "MaximumScoreDrop", PostureCheckOutcome.Skipped, null, threshold, "The last saved snapshot has no score for this customer."));
                    }
                    else if (double.IsNaN(tenant.Percentage))
                    {
                        results.Add(Tenant(tenant, "MaximumScoreDrop", tenant.FailedSubscriptionCount > 0 ? PostureCheckOutcome.Error : PostureCheckOutcome.Skipped, null, threshold, "The customer has no secure score now."));
                    }
                    else
                    {
                        double drop = Math.Round(before.Percentage.Value - tenant.Percentage, 2);
                        bool ok = drop <= maxDrop;
                        string since = baseline.TakenAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                        results.Add(Tenant(tenant, "MaximumScoreDrop", ok ? PostureCheckOutcome.Passed : PostureCheckOutcome.Failed, Number(drop), threshold,
                            ok ? $"Score changed by {Number(-drop)} points since {since} (at most {Number(maxDrop)} may be lost)." : $"Score fell {Number(drop)} points since {since}, more than {Number(maxDrop)}."));
                    }
                }
            }

            foreach (SubscriptionPostureSummary s in snapshot.Subscriptions.OrderBy(s => s.TenantName, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.SubscriptionName, StringComparer.OrdinalIgnoreCase))
            {
                GateThresholds t = policy.For(s.TenantId);
                if (t.MinimumSubscriptionScore is double minimum)
                {
                    string threshold = ">= " + Number(minimum);
                    if (Failed(s, "SecureScore")) results.Add(Sub(s, "MinimumSecureScore", PostureCheckOutcome.Error, null, threshold, FailureText(snapshot, s, "SecureScore")));
                    else if (s.Percentage is not double p) results.Add(Sub(s, "MinimumSecureScore", PostureCheckOutcome.Skipped, null, threshold, "The subscription has no secure score yet."));
                    else
                    {
                        bool ok = p >= minimum;
                        results.Add(Sub(s, "MinimumSecureScore", ok ? PostureCheckOutcome.Passed : PostureCheckOutcome.Failed, Number(p), threshold,
                            ok ? $"Secure score {Number(p)} % is at least {Number(minimum)} %." : $"Secure score {Number(p)} % is below {Number(minimum)} %."));
                    }
                }
                foreach (KeyValuePair<string, int> max in t.MaximumUnhealthy.OrderBy(m => SeverityOrder(m.Key)))
                {
                    string check = "MaximumUnhealthy." + max.Key;
                    string threshold = "<= " + max.Value.ToString(CultureInfo.InvariantCulture);
                    if (Failed(s, "Recommendation")) { results.Add(Sub(s, check, PostureCheckOutcome.Error, null, threshold, FailureText(snapshot, s, "Recommendation"))); continue; }
                    int count = Count(s.Unhealthy, max.Key);
                    bool ok = count <= max.Value;
                    results.Add(Sub(s, check, ok ? PostureCheckOutcome.Passed : PostureCheckOutcome.Failed, count.ToString(CultureInfo.InvariantCulture), threshold,
                        $"{count} unhealthy {max.Key}-severity recommendation(s); at most {max.Value} allowed."));
                }
                foreach (string plan in t.RequiredPlans ?? new List<string>())
                {
                    string check = "RequiredPlan." + plan;
                    if (Failed(s, "DefenderPlan")) { results.Add(Sub(s, check, PostureCheckOutcome.Error, null, "Enabled", FailureText(snapshot, s, "DefenderPlan"))); continue; }
                    bool read = s.PlansRead.Contains(plan, StringComparer.OrdinalIgnoreCase);
                    bool on = s.EnabledPlans.Contains(plan, StringComparer.OrdinalIgnoreCase);
                    results.Add(Sub(s, check, on ? PostureCheckOutcome.Passed : PostureCheckOutcome.Failed, on ? "Enabled" : read ? "Off" : "Not offered", "Enabled",
                        on ? $"Defender plan {plan} is enabled." : read ? $"Defender plan {plan} is off." : $"Defender plan {plan} is not offered on this subscription."));
                }
            }
            var listed = new HashSet<string>(snapshot.Subscriptions.Select(x => x.SubscriptionId), StringComparer.OrdinalIgnoreCase);
            foreach (SnapshotFailure f in snapshot.Failures.Where(f => !listed.Contains(f.Target)))
            {
                // A scope that never became a subscription summary (an unknown -SubscriptionId, a listing that failed for it).
                results.Add(new PostureCheckResult("Read", "Subscription", f.TenantId ?? Guid.Empty, f.TenantName, f.Target, f.SubscriptionName, PostureCheckOutcome.Error, null, "Readable",
                    $"{f.ErrorId}: {f.Message}"));
            }
            if (needsBaseline) warnings.Add("MaximumScoreDrop was skipped: the history holds no saved snapshot to compare with (save one with Save-CtPostureSnapshot).");
            return new GateEvaluation(results.Select(r => Exempt(r, exemptions)).ToList(), warnings);
        }

        private static PostureCheckResult Exempt(PostureCheckResult r, List<GateExemption> exemptions)
        {
            if (r.Outcome != PostureCheckOutcome.Failed && r.Outcome != PostureCheckOutcome.Error) return r;
            GateExemption? e = exemptions.FirstOrDefault(x => x.Covers(r.Check, r.TenantId, r.SubscriptionId));
            if (e is null) return r;
            return new PostureCheckResult(r.Check, r.Scope, r.TenantId, r.TenantName, r.SubscriptionId, r.SubscriptionName, PostureCheckOutcome.Skipped, r.Measured, r.Threshold,
                $"Exempted until {e.Expires:yyyy-MM-dd}: {e.Reason} (was {r.Outcome}: {r.Message})");
        }

        private static bool Failed(SubscriptionPostureSummary s, string kind) => s.FailedKinds.Contains(kind, StringComparer.OrdinalIgnoreCase);

        private static string FailureText(PostureSnapshot snapshot, SubscriptionPostureSummary s, string kind)
        {
            SnapshotFailure? f = snapshot.Failures.FirstOrDefault(x => string.Equals(x.PostureKind, kind, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Target, s.SubscriptionId, StringComparison.OrdinalIgnoreCase));
            return f is null ? $"{kind} could not be read." : $"{f.ErrorId}: {f.Message}";
        }

        private static int Count(SeverityCounts c, string severity) => severity.ToUpperInvariant() switch
        {
            "HIGH" => c.High,
            "MEDIUM" => c.Medium,
            "LOW" => c.Low,
            _ => c.Other,
        };

        private static int SeverityOrder(string severity) => severity.ToUpperInvariant() switch { "HIGH" => 0, "MEDIUM" => 1, "LOW" => 2, _ => 3 };

        private static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

        private static PostureCheckResult Tenant(TenantPostureSummary t, string check, PostureCheckOutcome outcome, string? measured, string threshold, string message) =>
            new PostureCheckResult(check, "Tenant", t.TenantId, t.TenantName, null, null, outcome, measured, threshold, message);

        private static PostureCheckResult Sub(SubscriptionPostureSummary s, string check, PostureCheckOutcome outcome, string? measured, string threshold, string message) =>
            new PostureCheckResult(check, "Subscription", s.TenantId, s.TenantName, s.SubscriptionId, s.SubscriptionName, outcome, measured, threshold, message);
    }
}
