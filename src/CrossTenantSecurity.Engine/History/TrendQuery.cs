using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>What Get-CtPostureHistory asks for.</summary>
    public sealed class TrendQuery
    {
        public IReadOnlyCollection<Guid> TenantIds { get; set; } = Array.Empty<Guid>();
        public IReadOnlyCollection<string> SubscriptionIds { get; set; } = Array.Empty<string>();
        /// <summary>Rows per subscription instead of per customer (implied by <see cref="SubscriptionIds"/>).</summary>
        public bool BySubscription { get; set; }
        public DateTimeOffset? Since { get; set; }
        public DateTimeOffset? Until { get; set; }
        public IReadOnlyCollection<PostureMetric> Metrics { get; set; } = (PostureMetric[])Enum.GetValues(typeof(PostureMetric));
    }
}
