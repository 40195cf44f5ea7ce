using System.Threading;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>The -First limit, shared by every batch running at once.</summary>
    internal sealed class RowBudget
    {
        private readonly long? _limit;
        private long _taken;

        public RowBudget(long? limit) => _limit = limit;

        /// <summary>Claims one row; false once the limit is reached.</summary>
        public bool TryTake() => _limit is not long limit || Interlocked.Increment(ref _taken) <= limit;

        public bool IsSpent => _limit is long limit && Interlocked.Read(ref _taken) >= limit;
    }
}
