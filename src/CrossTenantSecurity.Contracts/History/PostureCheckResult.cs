using System;

namespace CrossTenantSecurity
{
    /// <summary>One check of the CI gate on one scope (a customer or a subscription), with what was measured and the threshold.</summary>
    public sealed class PostureCheckResult
    {
        public PostureCheckResult(string check, string scope, Guid tenantId, string? tenantName, string? subscriptionId, string? subscriptionName,
            PostureCheckOutcome outcome, string? measured, string threshold, string message)
        {
            Check = check;
            Scope = scope;
            TenantId = tenantId;
            TenantName = tenantName;
            SubscriptionId = subscriptionId;
            SubscriptionName = subscriptionName;
            Outcome = outcome;
            Measured = measured;
            Threshold = threshold;
            Message = message;
        }

        /// <summary>MinimumSecureScore, MaximumUnhealthy.High, RequiredPlan.VirtualMachines, MaximumScoreDrop.</summary>
        public string Check { get; }
        /// <summary>Tenant or Subscription.</summary>
        public string Scope { get; }
        public Guid TenantId { get; }
        public string? TenantName { get; }
        public string? SubscriptionId { get; }
        public string? SubscriptionName { get; }
        public PostureCheckOutcome Outcome { get; }
        public string? Measured { get; }
        public string Threshold { get; }
        public string Message { get; }
        /// <summary>The scope's name for display: subscription name (or id), else customer name (or id).</summary>
        public string Target => SubscriptionId is null ? (TenantName ?? TenantId.ToString()) : (SubscriptionName ?? SubscriptionId);

        public override string ToString() => $"{Outcome} {Check} {Target}: {Message}";
    }
}
