using System;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The hedge budget on its own: what earns hedges, and the share it never exceeds.</summary>
    public class ReadHedgingBudgetTests
    {
        [Fact]
        public void The_budget_starts_with_one_hedge_and_earns_one_per_fifty_reads()
        {
            var hedging = new ReadHedging(true, TimeSpan.FromSeconds(100));

            Assert.True(hedging.TryStartHedge());
            Assert.False(hedging.TryStartHedge());
            for (int i = 0; i < ReadHedging.RequestsPerHedge; i++) hedging.NoteRead();
            Assert.True(hedging.TryStartHedge());
            Assert.False(hedging.TryStartHedge());
        }

        [Fact]
        public void A_try_that_ran_out_of_the_per_try_timeout_earns_a_hedge()
        {
            var hedging = new ReadHedging(true, TimeSpan.FromSeconds(100));
            for (int i = 0; i < 20; i++) hedging.NoteRead();
            Assert.True(hedging.TryStartHedge());
            Assert.False(hedging.CanHedge);

            hedging.NoteTimedOut(1);

            Assert.True(hedging.TryStartHedge());
        }

        [Fact]
        public void However_many_hedges_win_they_stay_within_a_fifth_of_the_reads()
        {
            var hedging = new ReadHedging(true, TimeSpan.FromSeconds(100));
            for (int i = 0; i < 100; i++) hedging.NoteRead();

            int started = 0;
            while (hedging.TryStartHedge())
            {
                started++;
                hedging.NoteHedgeWon();
            }

            Assert.Equal(1 + (int)(ReadHedging.MaximumShare * 100), started);
        }

        [Fact]
        public void With_no_latency_known_the_threshold_is_a_tenth_of_the_per_try_timeout()
        {
            var scope = RequestScope.ForTenant(CloudService.ResourceManager, Guid.NewGuid(), "subscriptions");

            Assert.Equal(TimeSpan.FromSeconds(10), new ReadHedging(true, TimeSpan.FromSeconds(100)).Threshold(scope));
            Assert.Equal(TimeSpan.FromSeconds(0.5), new ReadHedging(true, TimeSpan.FromSeconds(5)).Threshold(scope));
        }
    }
}
