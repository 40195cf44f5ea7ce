using System;
using System.Linq;
using CrossTenantSecurity.Engine.History;

namespace CrossTenantSecurity.Engine.Tests
{
    public class DriftTests
    {
        private static readonly DateTimeOffset Day0 = new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);

        private static SyntheticEstate Planted(SyntheticEstate estate)
        {
            estate.PlansOff.Add((4, "SqlServers"));                                                   // a plan turned off
            estate.Score = i => i == 7 ? 20 + (i * 7) % 30 - 6 : 20 + (i * 7) % 30;                // a score drop on subscription 7
            estate.ExtraUnhealthy.Add((12, "new-high", "High", SyntheticEstate.Resource(12, 99)));  // a new High recommendation
            return estate;
        }

        [Fact]
        public void The_same_estate_twice_has_no_drift()
        {
            var estate = new SyntheticEstate(30);
            Assert.Empty(DriftCalculator.Compare(SnapshotState.From(estate.Build(Day0)), SnapshotState.From(estate.Build(Day0.AddDays(1)))));
        }

        [Fact]
        public void A_planted_drift_is_found_and_nothing_else_worst_first()
        {
            PostureSnapshot before = new SyntheticEstate(30).Build(Day0);
            PostureSnapshot after = Planted(new SyntheticEstate(30)).Build(Day0.AddDays(1));
            var rows = DriftCalculator.Compare(SnapshotState.From(before), SnapshotState.From(after));

            Assert.Equal(
                new[] { (PostureDriftKind.ScoreChanged, (string?)SyntheticEstate.SubscriptionId(7)), (PostureDriftKind.PlanDisabled, SyntheticEstate.SubscriptionId(4)),
                        (PostureDriftKind.NewlyUnhealthy, SyntheticEstate.SubscriptionId(12)), (PostureDriftKind.ScoreChanged, null) }.OrderBy(x => x.Item1).ThenBy(x => x.Item2),
                rows.Select(r => (r.Kind, r.SubscriptionId)).OrderBy(x => x.Kind).ThenBy(x => x.SubscriptionId));
            PostureDrift score = rows.Single(r => r.Kind == PostureDriftKind.ScoreChanged && r.Scope == "Subscription");
            Assert.Equal(-12, score.Change); // 6 of 50 points = 12 percentage points
            PostureDrift customer = rows.Single(r => r.Scope == "Tenant");
            Assert.Equal(SyntheticEstate.TenantId(0), customer.TenantId);
            Assert.Equal(-1.2, customer.Change); // one subscription of ten, equal weights
            PostureDrift plan = rows.Single(r => r.Kind == PostureDriftKind.PlanDisabled);
            Assert.Equal("SqlServers", plan.Subject);
            Assert.Equal("Free", plan.After);
            PostureDrift rec = rows.Single(r => r.Kind == PostureDriftKind.NewlyUnhealthy);
            Assert.Equal("High", rec.Severity);
            Assert.Equal(SyntheticEstate.Resource(12, 99), rec.ResourceId);
            Assert.Equal(new[] { PostureDriftKind.ScoreChanged, PostureDriftKind.PlanDisabled, PostureDriftKind.NewlyUnhealthy, PostureDriftKind.ScoreChanged }, rows.Select(r => r.Kind));
            Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Impact >= p.Second.Impact));
        }

        [Fact]
        public void Saved_snapshots_give_the_same_drift_as_the_live_ones()
        {
            PostureSnapshot before = new SyntheticEstate(30).Build(Day0);
            PostureSnapshot after = Planted(new SyntheticEstate(30)).Build(Day0.AddDays(1));
            using PostureHistory history = PostureHistory.Open(HistoryStoreTests.TempDatabase());
            long a = history.Save(before, "test").SnapshotId, b = history.Save(after, "test").SnapshotId;
            var live = DriftCalculator.Compare(SnapshotState.From(before), SnapshotState.From(after));
            var saved = DriftCalculator.Compare(history.LoadState(a), history.LoadState(b));
            Assert.Equal(live.Select(r => (r.Kind, r.SubscriptionId, r.Subject, r.ResourceId, r.Before, r.After, r.Change)),
                saved.Select(r => (r.Kind, r.SubscriptionId, r.Subject, r.ResourceId, r.Before, r.After, r.Change)));
        }

        [Fact]
        public void Newly_healthy_gained_lost_downgraded_and_new_high_alerts_are_each_their_own_row()
        {
            var estate = new SyntheticEstate(20);
            estate.ExtraUnhealthy.Add((1, "fixed-later", "Medium", SyntheticEstate.Resource(1, 50)));
            estate.Missing.Add(19);
            PostureSnapshot before = estate.Build(Day0);
            estate.ExtraUnhealthy.Clear();
            estate.Missing.Clear();
            estate.Missing.Add(18);
            estate.SubPlans[(2, "VirtualMachines")] = "P1";
            estate.ExtraAlerts.Add((3, "ransomware", "High"));
            estate.ExtraAlerts.Add((3, "noise", "Low"));
            var rows = DriftCalculator.Compare(SnapshotState.From(before), SnapshotState.From(estate.Build(Day0.AddDays(1))));
            Assert.Equal(new[] { PostureDriftKind.NewlyHealthy, PostureDriftKind.PlanDowngraded, PostureDriftKind.NewHighAlert, PostureDriftKind.SubscriptionGained, PostureDriftKind.SubscriptionLost }.OrderBy(k => k),
                rows.Where(r => r.Scope == "Subscription").Select(r => r.Kind).OrderBy(k => k));
            Assert.Equal("Standard P1", rows.Single(r => r.Kind == PostureDriftKind.PlanDowngraded).After);
            Assert.Equal(SyntheticEstate.SubscriptionId(19), rows.Single(r => r.Kind == PostureDriftKind.SubscriptionGained).SubscriptionId);
        }

        [Fact]
        public void A_failed_read_is_not_mistaken_for_recommendations_turning_healthy()
        {
            var estate = new SyntheticEstate(10);
            PostureSnapshot before = estate.Build(Day0);
            estate.RecommendationsFailed.Add(5);
            Assert.DoesNotContain(DriftCalculator.Compare(SnapshotState.From(before), SnapshotState.From(estate.Build(Day0.AddDays(1)))),
                r => r.Kind == PostureDriftKind.NewlyHealthy);
        }
    }
}
