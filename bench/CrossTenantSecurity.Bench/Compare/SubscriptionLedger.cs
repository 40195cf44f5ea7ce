using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// Which audit commands produced data or a typed error for each subscription. A subscription is accounted for
    /// when all six did; anything else is a silent omission.
    /// </summary>
    internal sealed class SubscriptionLedger
    {
        private readonly ConcurrentDictionary<string, int> _answered = new(StringComparer.OrdinalIgnoreCase);

        public void Mark(string subscriptionId, AuditCommand command) =>
            _answered.AddOrUpdate(subscriptionId, command.Bit, (_, mask) => mask | command.Bit);

        /// <summary>Marks every command in <paramref name="mask"/> (AuditCommand bits) at once, as read back from a child process.</summary>
        public void MarkAll(string subscriptionId, int mask) =>
            _answered.AddOrUpdate(subscriptionId, mask, (_, existing) => existing | mask);

        public Dictionary<string, int> Snapshot() => new(_answered, StringComparer.OrdinalIgnoreCase);

        public bool Answered(string subscriptionId, AuditCommand command) =>
            _answered.TryGetValue(subscriptionId, out int mask) && (mask & command.Bit) != 0;

        public int Accounted(IEnumerable<string> subscriptions) =>
            subscriptions.Count(s => _answered.TryGetValue(s, out int mask) && mask == AuditCommand.AllMask);

        /// <summary>For the report: subscription and missing commands, first few only.</summary>
        public IReadOnlyList<string> Missing(IEnumerable<string> subscriptions, int max = 10) =>
            subscriptions.Where(s => !(_answered.TryGetValue(s, out int mask) && mask == AuditCommand.AllMask)).Take(max)
                .Select(s => s + ": " + string.Join(",", AuditCommand.All.Where(c => !Answered(s, c)).Select(c => c.Cmdlet)))
                .ToList();
    }
}
