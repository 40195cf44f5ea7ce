using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>An extension of a Defender plan, e.g. AgentlessVmScanning.</summary>
    public sealed class PlanExtension
    {
        public PlanExtension(string name, bool enabled, string? operationStatus)
        {
            Name = name;
            Enabled = enabled;
            OperationStatus = operationStatus;
        }

        public string Name { get; }
        public bool Enabled { get; }
        public string? OperationStatus { get; }

        public override string ToString() => $"{Name}={(Enabled ? "on" : "off")}";
    }
}
