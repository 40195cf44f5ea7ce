using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.Gate
{
    /// <summary>The thresholds of the gate, for the whole estate or (in <see cref="GatePolicy.Customers"/>) one customer. Null: not checked.</summary>
    public sealed class GateThresholds
    {
        public double? MinimumSubscriptionScore { get; set; }
        public double? MinimumCustomerScore { get; set; }
        /// <summary>Severity (High, Medium, Low) to the most unhealthy recommendations a subscription may have.</summary>
        public Dictionary<string, int> MaximumUnhealthy { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Defender plans every subscription must have enabled; null when not set here.</summary>
        public List<string>? RequiredPlans { get; set; }
        /// <summary>The most a customer's score may fall (percentage points) since the last saved snapshot.</summary>
        public double? MaximumScoreDrop { get; set; }

        /// <summary>These thresholds with <paramref name="over"/>'s set values on top.</summary>
        public GateThresholds With(GateThresholds? over)
        {
            var result = new GateThresholds
            {
                MinimumSubscriptionScore = over?.MinimumSubscriptionScore ?? MinimumSubscriptionScore,
                MinimumCustomerScore = over?.MinimumCustomerScore ?? MinimumCustomerScore,
                RequiredPlans = over?.RequiredPlans ?? RequiredPlans,
                MaximumScoreDrop = over?.MaximumScoreDrop ?? MaximumScoreDrop,
            };
            foreach (KeyValuePair<string, int> m in MaximumUnhealthy) result.MaximumUnhealthy[m.Key] = m.Value;
            if (over is not null)
            {
                foreach (KeyValuePair<string, int> m in over.MaximumUnhealthy) result.MaximumUnhealthy[m.Key] = m.Value;
            }
            return result;
        }

        public bool IsEmpty => MinimumSubscriptionScore is null && MinimumCustomerScore is null && MaximumUnhealthy.Count == 0 && (RequiredPlans is null || RequiredPlans.Count == 0) && MaximumScoreDrop is null;
    }
}
