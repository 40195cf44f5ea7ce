using System;
using System.Collections.Generic;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine
{
    /// <summary>Which alerts to keep; empty lists mean any. The 2022-01-01 list has no server-side filter.</summary>
    public sealed class AlertFilter
    {
        public IReadOnlyCollection<string> Statuses { get; set; } = Array.Empty<string>();
        public IReadOnlyCollection<string> Severities { get; set; } = Array.Empty<string>();
        public DateTimeOffset? StartTimeAfter { get; set; }

        internal bool Keeps(Alert alert) =>
            (Statuses.Count == 0 || Common.TextMatch.In(Statuses, alert.Status)) && (Severities.Count == 0 || Common.TextMatch.In(Severities, alert.Severity.ToString())) &&
            (StartTimeAfter is null || (alert.StartTimeUtc is DateTimeOffset start && start >= StartTimeAfter));
    }
}
