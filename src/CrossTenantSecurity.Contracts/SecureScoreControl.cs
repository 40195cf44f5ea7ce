namespace CrossTenantSecurity
{
    /// <summary>One secure score control of a subscription, and how much score fixing it would add.</summary>
    public sealed class SecureScoreControl : SubscriptionScoped
    {
        public SecureScoreControl(SubscriptionRef subscription, string name, string? displayName, double current, double max, double percentage,
            int healthyResourceCount, int unhealthyResourceCount, int notApplicableResourceCount, long weight, string id)
            : base(subscription)
        {
            Name = name;
            DisplayName = displayName;
            Current = current;
            Max = max;
            Percentage = percentage;
            HealthyResourceCount = healthyResourceCount;
            UnhealthyResourceCount = unhealthyResourceCount;
            NotApplicableResourceCount = notApplicableResourceCount;
            Weight = weight;
            Id = id;
        }

        public string Name { get; }
        public string? DisplayName { get; }
        public double Current { get; }
        public double Max { get; }
        /// <summary>0-100.</summary>
        public double Percentage { get; }
        public int HealthyResourceCount { get; }
        public int UnhealthyResourceCount { get; }
        public int NotApplicableResourceCount { get; }
        public long Weight { get; }
        /// <summary>Max minus current: the points remediating this control would add.</summary>
        public double PotentialIncrease => System.Math.Round(Max - Current, 2);
        public string Id { get; }

        public override string ToString() => $"{DisplayName}: {Current}/{Max}";
    }
}
