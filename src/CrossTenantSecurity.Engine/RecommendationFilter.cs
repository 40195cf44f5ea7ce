using System;
using System.Collections.Generic;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine
{
    /// <summary>Which recommendations to keep: statuses and severities compare case-insensitively; empty means any.</summary>
    public sealed class RecommendationFilter
    {
        public IReadOnlyCollection<string> Statuses { get; set; } = new[] { "Unhealthy" };
        public IReadOnlyCollection<string> Severities { get; set; } = Array.Empty<string>();

        internal bool Keeps(string? status, Severity severity) =>
            (Statuses.Count == 0 || Common.TextMatch.In(Statuses, status)) && (Severities.Count == 0 || Common.TextMatch.In(Severities, severity.ToString()));
    }
}
