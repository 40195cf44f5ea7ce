using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>Up to 1,000 subscriptions queried by one request chain; its description is the failure scope.</summary>
    internal sealed class ResourceGraphBatch
    {
        private ResourceGraphBatch(int number, int count, IReadOnlyList<string> subscriptionIds)
        {
            Number = number;
            Count = count;
            SubscriptionIds = subscriptionIds;
        }

        public int Number { get; }
        public int Count { get; }
        public IReadOnlyList<string> SubscriptionIds { get; }

        public string Describe() => $"batch {Number} of {Count} ({SubscriptionIds.Count} subscription{(SubscriptionIds.Count == 1 ? "" : "s")})";

        public override string ToString() => Describe();

        public static IReadOnlyList<ResourceGraphBatch> Split(IReadOnlyList<string> subscriptionIds, int size)
        {
            if (size < 1) throw new ArgumentOutOfRangeException(nameof(size));
            int count = (subscriptionIds.Count + size - 1) / size;
            var batches = new List<ResourceGraphBatch>(count);
            for (int i = 0; i < count; i++)
            {
                int start = i * size;
                var ids = new string[Math.Min(size, subscriptionIds.Count - start)];
                for (int j = 0; j < ids.Length; j++) ids[j] = subscriptionIds[start + j];
                batches.Add(new ResourceGraphBatch(i + 1, count, ids));
            }
            return batches;
        }
    }
}
