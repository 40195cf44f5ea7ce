using System;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>What an approach measured about itself; request counters come from the emulator afterwards.</summary>
    internal sealed record ApproachRun(
        TimeSpan Wall,
        TimeSpan? FirstObject,
        long Objects,
        long Errors,
        SubscriptionLedger Ledger,
        TimeSpan SignIn,
        TimeSpan? Listing,
        int Concurrency)
    {
        /// <summary>(subscription, command) pairs with neither object nor error that the estate confirms are empty.</summary>
        public int EmptyByTruth { get; set; }
    }
}
