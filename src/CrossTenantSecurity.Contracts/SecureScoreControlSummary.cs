using System;

namespace CrossTenantSecurity
{
    /// <summary>One control ranked across every customer: the score all subscriptions together would gain by fixing it.</summary>
    public sealed class SecureScoreControlSummary
    {
        public SecureScoreControlSummary(int rank, string name, string? displayName, double potentialIncrease, int unhealthyResourceCount, int subscriptionCount, int tenantCount)
        {
            Rank = rank;
            Name = name;
            DisplayName = displayName;
            PotentialIncrease = potentialIncrease;
            UnhealthyResourceCount = unhealthyResourceCount;
            SubscriptionCount = subscriptionCount;
            TenantCount = tenantCount;
        }

        public int Rank { get; }
        public string Name { get; }
        public string? DisplayName { get; }
        /// <summary>Sum over subscriptions of max minus current.</summary>
        public double PotentialIncrease { get; }
        public int UnhealthyResourceCount { get; }
        /// <summary>Subscriptions where the control is not at full score.</summary>
        public int SubscriptionCount { get; }
        public int TenantCount { get; }

        public override string ToString() => $"{Rank}. {DisplayName}: +{PotentialIncrease}";
    }
}
