namespace CrossTenantSecurity
{
    /// <summary>A subscription's secure score (the classic Defender for Cloud score, initiative ascScore).</summary>
    public sealed class SecureScore : SubscriptionScoped
    {
        public SecureScore(SubscriptionRef subscription, string name, string? displayName, double current, double max, double percentage, long weight, string id)
            : base(subscription)
        {
            Name = name;
            DisplayName = displayName;
            Current = current;
            Max = max;
            Percentage = percentage;
            Weight = weight;
            Id = id;
        }

        public string Name { get; }
        public string? DisplayName { get; }
        public double Current { get; }
        public double Max { get; }
        /// <summary>0-100 (the API's 0-1 ratio times 100).</summary>
        public double Percentage { get; }
        /// <summary>Relative weight for aggregation across subscriptions (about the number of assessed resources).</summary>
        public long Weight { get; }
        public string Id { get; }

        public override string ToString() => $"{SubscriptionName}: {Current}/{Max} ({Percentage:0.#}%)";
    }
}
