using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.History
{
    internal sealed class TenantState
    {
        public TenantState(Guid tenantId, string? name, double? percentage)
        {
            TenantId = tenantId;
            Name = name;
            Percentage = percentage;
        }

        public Guid TenantId { get; }
        public string? Name { get; }
        public double? Percentage { get; }
    }
}
