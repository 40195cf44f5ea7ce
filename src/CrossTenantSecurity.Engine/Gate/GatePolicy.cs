using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.Gate
{
    /// <summary>The gate: estate-wide thresholds, per-customer overrides, and exemptions with a reason and an expiry date.</summary>
    public sealed class GatePolicy
    {
        public GateThresholds Defaults { get; } = new GateThresholds();
        public Dictionary<Guid, GateThresholds> Customers { get; } = new Dictionary<Guid, GateThresholds>();
        public List<GateExemption> Exemptions { get; } = new List<GateExemption>();

        public GateThresholds For(Guid tenantId) => Defaults.With(Customers.TryGetValue(tenantId, out GateThresholds? over) ? over : null);
    }
}
