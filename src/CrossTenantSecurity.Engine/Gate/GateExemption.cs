using System;

namespace CrossTenantSecurity.Engine.Gate
{
    /// <summary>
    /// A check that does not fail the gate for one scope until a date, for a stated reason. <see cref="Check"/> is a check
    /// name (RequiredPlan.SqlServers), a family (RequiredPlan) or *; <see cref="Scope"/> a subscription id, a customer's
    /// tenant id (covering its subscriptions) or *.
    /// </summary>
    public sealed class GateExemption
    {
        public GateExemption(string check, string scope, string reason, DateTimeOffset expires)
        {
            Check = check;
            Scope = scope;
            Reason = reason;
            Expires = expires;
        }

        public string Check { get; }
        public string Scope { get; }
        public string Reason { get; }
        public DateTimeOffset Expires { get; }

        internal bool Covers(string check, Guid tenantId, string? subscriptionId)
        {
            bool checkMatches = Check == "*" || string.Equals(Check, check, StringComparison.OrdinalIgnoreCase)
                || check.StartsWith(Check + ".", StringComparison.OrdinalIgnoreCase);
            if (!checkMatches) return false;
            return Scope == "*" || string.Equals(Scope, tenantId.ToString(), StringComparison.OrdinalIgnoreCase)
                || (subscriptionId is not null && string.Equals(Scope, subscriptionId, StringComparison.OrdinalIgnoreCase));
        }
    }
}
