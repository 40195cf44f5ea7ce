namespace CrossTenantSecurity
{
    /// <summary>Counts by severity (High, Medium, Low; Informational and unknown severities count as Other).</summary>
    public sealed class SeverityCounts
    {
        public SeverityCounts(int high, int medium, int low, int other)
        {
            High = high;
            Medium = medium;
            Low = low;
            Other = other;
        }

        public static SeverityCounts None { get; } = new SeverityCounts(0, 0, 0, 0);

        public int High { get; }
        public int Medium { get; }
        public int Low { get; }
        public int Other { get; }
        public int Total => High + Medium + Low + Other;

        public SeverityCounts Plus(SeverityCounts other) =>
            new SeverityCounts(High + other.High, Medium + other.Medium, Low + other.Low, Other + other.Other);

        public override string ToString() => $"High {High}, Medium {Medium}, Low {Low}" + (Other > 0 ? $", Other {Other}" : string.Empty);
    }
}
