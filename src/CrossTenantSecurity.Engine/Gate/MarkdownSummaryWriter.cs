using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CrossTenantSecurity.Engine.Gate
{
    /// <summary>A short Markdown summary for $GITHUB_STEP_SUMMARY (well under its 1 MiB limit): totals, per customer, then the failed checks.</summary>
    public static class MarkdownSummaryWriter
    {
        private const int MaxListed = 200;

        public static string Write(IReadOnlyList<PostureCheckResult> results, bool passed)
        {
            var md = new StringBuilder();
            md.AppendLine(passed ? "## Posture gate: passed" : "## Posture gate: FAILED");
            md.AppendLine();
            md.AppendLine($"{results.Count(r => r.Outcome == PostureCheckOutcome.Passed)} passed, {results.Count(r => r.Outcome == PostureCheckOutcome.Failed)} failed, " +
                $"{results.Count(r => r.Outcome == PostureCheckOutcome.Error)} could not be measured, {results.Count(r => r.Outcome == PostureCheckOutcome.Skipped)} skipped.");
            md.AppendLine();
            md.AppendLine("| Customer | Passed | Failed | Errors | Skipped |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var g in results.GroupBy(r => r.TenantId).OrderBy(g => g.First().TenantName ?? g.Key.ToString(), StringComparer.OrdinalIgnoreCase))
            {
                md.AppendLine($"| {Cell(g.First().TenantName ?? g.Key.ToString())} | {g.Count(r => r.Outcome == PostureCheckOutcome.Passed)} | {g.Count(r => r.Outcome == PostureCheckOutcome.Failed)} | " +
                    $"{g.Count(r => r.Outcome == PostureCheckOutcome.Error)} | {g.Count(r => r.Outcome == PostureCheckOutcome.Skipped)} |");
            }
            var bad = results.Where(r => r.Outcome == PostureCheckOutcome.Failed || r.Outcome == PostureCheckOutcome.Error).ToList();
            if (bad.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("| Result | Check | Customer | Scope | Measured | Threshold | Message |");
                md.AppendLine("|---|---|---|---|---|---|---|");
                foreach (PostureCheckResult r in bad.Take(MaxListed))
                    md.AppendLine($"| {r.Outcome} | {Cell(r.Check)} | {Cell(r.TenantName ?? r.TenantId.ToString())} | {Cell(r.Target)} | {Cell(r.Measured ?? "n/a")} | {Cell(r.Threshold)} | {Cell(r.Message)} |");
                if (bad.Count > MaxListed) md.AppendLine().AppendLine($"... and {bad.Count - MaxListed} more (see the test results file).");
            }
            return md.ToString();
        }

        /// <summary>Table cells: no pipes, no line breaks, no HTML (names come from customers).</summary>
        private static string Cell(string text) =>
            text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
