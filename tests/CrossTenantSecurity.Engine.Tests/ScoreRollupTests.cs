using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Engine.DefenderForCloud;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The estate-wide roll-ups of the score commands: a weighted score per customer, and the top controls across customers.</summary>
    public class ScoreRollupTests
    {
        private static readonly Guid Contoso = Guid.Parse("22222222-2222-4222-8222-222222222222");
        private static readonly Guid Fabrikam = Guid.Parse("33333333-3333-4333-8333-333333333333");

        private static DelegatedSubscription Subscription(string id, Guid tenant) =>
            new(id, "sub " + id, "Enabled", tenant, tenant == Contoso ? "Contoso" : "Fabrikam", TestSupport.Msp, new[] { TestSupport.Msp },
                SubscriptionAccessType.Delegated, "RoleBased", new Dictionary<string, string>());

        private static SubscriptionRef Ref(DelegatedSubscription s) => SubscriptionRef.From(s);

        private static SecureScore Score(DelegatedSubscription s, double current, double max, long weight) =>
            new(Ref(s), "ascScore", "ASC score", current, max, max > 0 ? Math.Round(100 * current / max, 2) : 0, weight, $"/subscriptions/{s.SubscriptionId}/providers/Microsoft.Security/secureScores/ascScore");

        private static SecureScoreControl Control(DelegatedSubscription s, string name, double current, double max, int unhealthy) =>
            new(Ref(s), name, "Control " + name, current, max, max > 0 ? Math.Round(100 * current / max, 2) : 0, 0, unhealthy, 0, 1, $"/x/{name}");

        [Fact]
        public void A_customers_score_weights_each_subscription_and_counts_missing_ones()
        {
            DelegatedSubscription a = Subscription("a", Contoso), b = Subscription("b", Contoso), c = Subscription("c", Contoso), d = Subscription("d", Fabrikam);
            var scores = new[] { Score(a, 30, 60, 10), Score(b, 10, 40, 30) };

            TenantSecureScore contoso = TenantScoreWeighting.PerTenant(new[] { a, b, c, d }, scores).Single(t => t.TenantId == Contoso);

            Assert.Equal(Math.Round((10 * 30.0 / 60 + 30 * 10.0 / 40) / 40 * 100, 2), contoso.Percentage);
            Assert.Equal((40d, 100d, 40L, 2, 1), (contoso.Current, contoso.Max, contoso.Weight, contoso.SubscriptionCount, contoso.MissingCount));
            Assert.Equal("Contoso", contoso.TenantName);
        }

        [Fact]
        public void Without_weights_the_score_is_the_plain_average_and_without_scores_it_is_NaN()
        {
            DelegatedSubscription a = Subscription("a", Contoso), b = Subscription("b", Contoso), d = Subscription("d", Fabrikam);
            var tenants = TenantScoreWeighting.PerTenant(new[] { a, b, d }, new[] { Score(a, 1, 4, 0), Score(b, 3, 4, 0) }).ToDictionary(t => t.TenantId);

            Assert.Equal(50, tenants[Contoso].Percentage);
            Assert.True(double.IsNaN(tenants[Fabrikam].Percentage));
            Assert.Equal((0, 1), (tenants[Fabrikam].SubscriptionCount, tenants[Fabrikam].MissingCount));
        }

        [Fact]
        public void Top_controls_sum_the_gain_over_subscriptions_and_count_who_could_gain()
        {
            DelegatedSubscription a = Subscription("a", Contoso), b = Subscription("b", Contoso), d = Subscription("d", Fabrikam);
            var controls = new[]
            {
                Control(a, "mfa", 2, 10, 3), Control(b, "MFA", 10, 10, 0), Control(d, "mfa", 6, 10, 1),
                Control(a, "ports", 0, 8, 2), Control(d, "ports", 4, 8, 4),
                Control(a, "done", 5, 5, 0),
                Control(b, "logs", 0, 2, 1),
            };

            List<SecureScoreControlSummary> top = ControlRanking.Top(controls, 2).ToList();

            Assert.Equal(new[] { (1, "mfa", 12d, 4, 2, 2), (2, "ports", 12d, 6, 2, 2) }.Select(x => x.ToString()),
                top.Select(t => (t.Rank, t.Name, t.PotentialIncrease, t.UnhealthyResourceCount, t.SubscriptionCount, t.TenantCount).ToString()));
            Assert.DoesNotContain(ControlRanking.Top(controls, 10), t => t.Name == "done");
            Assert.Equal(3, ControlRanking.Top(controls, 10).Count());
        }
    }
}
