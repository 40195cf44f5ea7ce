using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.History
{
    internal sealed class PlanState
    {
        public PlanState(string plan, bool enabled, string? tier, string? subPlan)
        {
            Plan = plan;
            Enabled = enabled;
            Tier = tier;
            SubPlan = subPlan;
        }

        public string Plan { get; }
        public bool Enabled { get; }
        public string? Tier { get; }
        public string? SubPlan { get; }
        public override string ToString() => Enabled ? (SubPlan is { Length: > 0 } ? $"{Tier} {SubPlan}" : Tier ?? "Enabled") : Tier ?? "Off";
    }
}
