using System;
using System.Linq;
using CrossTenantSecurity.Emulator.Behaviour;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>ARM buckets, penalty mode, rp-tight and the Resource Graph quota, decided by the engine on a manual clock.</summary>
    public class BehaviourThrottlingTests
    {
        private const string Subscription = "aaaaaaaa-0000-4000-8000-000000000001";
        private static readonly Guid Tenant = Guid.Parse("11111111-1111-4111-8111-111111111111");
        private static readonly Guid Actor = Guid.Parse("a0000000-0000-4000-8000-0000000000a1");

        private readonly BehaviourManualClock _clock = new();

        private BehaviourEngine Engine(Action<BehaviourOptions>? configure = null)
        {
            var options = new BehaviourOptions { TimeProvider = _clock };
            configure?.Invoke(options);
            return new BehaviourEngine(options);
        }

        private static RequestFacts Get(string path, Guid? actor = null) => RequestFacts.Create("GET", path, Tenant, actor ?? Actor);

        private static RequestFacts SubscriptionGet(Guid? actor = null) => Get($"/subscriptions/{Subscription}/providers/Microsoft.Security/pricings", actor);

        private static Admission Admit(BehaviourEngine engine, RequestFacts request) => engine.Admit(request, engine.NextSequence(), "corr");

        [Fact]
        public void Token_bucket_refills_discretely_once_per_interval()
        {
            var bucket = new TokenBucket(250, 25, TimeSpan.FromSeconds(1), _clock.GetUtcNow());
            for (int i = 0; i < 250; i++) Assert.True(bucket.TryTake(_clock.GetUtcNow()));
            Assert.False(bucket.TryTake(_clock.GetUtcNow()));
            _clock.Advance(TimeSpan.FromMilliseconds(999));
            Assert.Equal(0, bucket.Available(_clock.GetUtcNow()));
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(25, bucket.Available(_clock.GetUtcNow()));
            _clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(250, bucket.Available(_clock.GetUtcNow()));
        }

        [Fact]
        public void The_251st_read_in_one_second_is_throttled_with_Retry_After_at_least_10_s()
        {
            BehaviourEngine engine = Engine();
            for (int i = 1; i <= 250; i++)
            {
                Admission ok = Admit(engine, SubscriptionGet());
                Assert.True(ok.Allowed);
                Assert.Equal((250 - i).ToString(), ok.Headers["x-ms-ratelimit-remaining-subscription-reads"]);
                Assert.Equal((3750 - i).ToString(), ok.Headers["x-ms-ratelimit-remaining-subscription-global-reads"]);
            }
            Admission refused = Admit(engine, SubscriptionGet());
            Assert.Equal(ThrottleReason.Arm, refused.RefusedBy);
            Assert.Equal("SubscriptionRequestsThrottled", refused.Code);
            Assert.Equal(
                $"Number of 'read' requests for subscription '{Subscription}' actor '{Actor}' exceeded. Please try again after '10' seconds after " +
                "additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.", refused.Message);
            Assert.True(refused.RetryAfter >= TimeSpan.FromSeconds(10));
            Assert.Equal("0", refused.Headers["x-ms-ratelimit-remaining-subscription-reads"]);
            Assert.Equal("0", refused.Headers["x-ms-ratelimit-remaining-subscription-global-reads"]);
        }

        [Fact]
        public void Tokens_come_back_after_the_Retry_After_and_a_throttled_request_consumed_none()
        {
            BehaviourEngine engine = Engine();
            for (int i = 0; i < 250; i++) Admit(engine, SubscriptionGet());
            Admission refused = Admit(engine, SubscriptionGet());
            _clock.Advance(refused.RetryAfter!.Value);
            Admission ok = Admit(engine, SubscriptionGet());
            Assert.True(ok.Allowed);
            // 10 refills of 25, capped at 250, minus this request: the 429 took nothing.
            Assert.Equal("249", ok.Headers["x-ms-ratelimit-remaining-subscription-reads"]);
        }

        [Fact]
        public void Writes_and_deletes_have_their_own_200_token_buckets()
        {
            BehaviourEngine engine = Engine();
            string path = $"/subscriptions/{Subscription}/providers/Microsoft.Security/pricings/VirtualMachines";
            Admission write = Admit(engine, RequestFacts.Create("PUT", path, Tenant, Actor));
            Assert.Equal("199", write.Headers["x-ms-ratelimit-remaining-subscription-writes"]);
            Assert.Equal("2999", write.Headers["x-ms-ratelimit-remaining-subscription-global-writes"]);
            Admission delete = Admit(engine, RequestFacts.Create("DELETE", path, Tenant, Actor));
            Assert.Equal("199", delete.Headers["x-ms-ratelimit-remaining-subscription-deletes"]);
        }

        [Fact]
        public void The_global_bucket_is_15x_and_shared_by_all_principals()
        {
            BehaviourEngine engine = Engine();
            for (int p = 0; p < 15; p++)
            {
                var principal = Guid.NewGuid();
                for (int i = 0; i < 250; i++) Assert.True(Admit(engine, SubscriptionGet(principal)).Allowed);
            }
            Admission sixteenth = Admit(engine, SubscriptionGet(Guid.NewGuid()));
            Assert.Equal(ThrottleReason.Arm, sixteenth.RefusedBy);
            Assert.Equal("0", sixteenth.Headers["x-ms-ratelimit-remaining-subscription-global-reads"]);
        }

        [Fact]
        public void A_noisy_neighbour_pre_drains_the_global_bucket()
        {
            BehaviourEngine engine = Engine(o => o.NoisyNeighbourPreDrainPercent = 90);
            Admission first = Admit(engine, SubscriptionGet());
            Assert.Equal("374", first.Headers["x-ms-ratelimit-remaining-subscription-global-reads"]);
            for (int i = 1; i < 250; i++) Admit(engine, SubscriptionGet());
            var other = Guid.NewGuid();
            for (int i = 0; i < 125; i++) Assert.True(Admit(engine, SubscriptionGet(other)).Allowed);
            Assert.False(Admit(engine, SubscriptionGet(other)).Allowed);
        }

        [Fact]
        public void Tenant_level_calls_such_as_GET_subscriptions_use_the_tenant_bucket()
        {
            BehaviourEngine engine = Engine();
            Admission ok = Admit(engine, Get("/subscriptions"));
            Assert.Equal("249", ok.Headers["x-ms-ratelimit-remaining-tenant-reads"]);
            Assert.False(ok.Headers.ContainsKey("x-ms-ratelimit-remaining-subscription-reads"));
            for (int i = 0; i < 249; i++) Assert.True(Admit(engine, Get("/tenants")).Allowed);
            Admission refused = Admit(engine, Get("/subscriptions"));
            Assert.Equal("TenantRequestsThrottled", refused.Code);
            Assert.Contains($"for tenant '{Tenant}' actor '{Actor}'", refused.Message, StringComparison.Ordinal);
            // The subscription's own bucket is untouched.
            Assert.True(Admit(engine, SubscriptionGet()).Allowed);
        }

        [Fact]
        public void Retrying_before_Retry_After_earns_a_fresh_429()
        {
            BehaviourEngine engine = Engine();
            for (int i = 0; i < 250; i++) Admit(engine, SubscriptionGet());
            Admission first = Admit(engine, SubscriptionGet());
            _clock.Advance(TimeSpan.FromSeconds(5)); // 125 tokens are back, but the client was told 10 s
            Admission early = Admit(engine, SubscriptionGet());
            Assert.Equal(ThrottleReason.Arm, early.RefusedBy);
            Assert.Equal(first.RetryAfter, early.RetryAfter);
            _clock.Advance(TimeSpan.FromSeconds(9)); // 14 s after the first 429, but only 9 s after the fresh one
            Assert.False(Admit(engine, SubscriptionGet()).Allowed);
            _clock.Advance(TimeSpan.FromSeconds(10));
            Assert.True(Admit(engine, SubscriptionGet()).Allowed);
        }

        [Fact]
        public void Without_penalty_mode_an_early_retry_succeeds_once_tokens_refill()
        {
            BehaviourEngine engine = Engine(o => o.PenaltyMode = false);
            for (int i = 0; i < 250; i++) Admit(engine, SubscriptionGet());
            Assert.False(Admit(engine, SubscriptionGet()).Allowed);
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(Admit(engine, SubscriptionGet()).Allowed);
        }

        [Fact]
        public void Time_scale_shrinks_Retry_After_and_the_refill_interval_alike()
        {
            BehaviourEngine engine = Engine(o => o.TimeScale = 0.05);
            for (int i = 0; i < 250; i++) Admit(engine, SubscriptionGet());
            Admission refused = Admit(engine, SubscriptionGet());
            Assert.Equal(TimeSpan.FromMilliseconds(500), refused.RetryAfter);
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            Admission ok = Admit(engine, SubscriptionGet());
            Assert.Equal("249", ok.Headers["x-ms-ratelimit-remaining-subscription-reads"]);
        }

        [Fact]
        public void Throttling_can_be_switched_off()
        {
            BehaviourEngine engine = Engine(o => o.ArmThrottling = false);
            for (int i = 0; i < 300; i++) Assert.True(Admit(engine, SubscriptionGet()).Allowed);
        }

        [Fact]
        public void Rp_tight_allows_400_requests_per_5_minutes_per_subscription_and_action()
        {
            BehaviourEngine engine = Engine(o => { o.ProviderThrottling = true; o.ArmThrottling = false; });
            RequestFacts assessments = Get($"/subscriptions/{Subscription}/providers/Microsoft.Security/assessments");
            for (int i = 1; i <= 400; i++)
            {
                Admission ok = Admit(engine, assessments);
                Assert.True(ok.Allowed);
                Assert.Equal((400 - i).ToString(), ok.Headers["x-ms-ratelimit-remaining-subscription-resource-requests"]);
            }
            Admission refused = Admit(engine, assessments);
            Assert.Equal(ThrottleReason.Provider, refused.RefusedBy);
            Assert.Equal("ResourceRequestsThrottled", refused.Code);
            Assert.Contains("'Microsoft.Security/assessments/read'", refused.Message, StringComparison.Ordinal);
            Assert.Equal("0", refused.Headers["x-ms-ratelimit-remaining-subscription-resource-requests"]);
            Assert.Equal(TimeSpan.FromMinutes(5), refused.RetryAfter);
            // Another action has its own window; the window resets after 5 minutes.
            Assert.True(Admit(engine, Get($"/subscriptions/{Subscription}/providers/Microsoft.Security/alerts")).Allowed);
            _clock.Advance(TimeSpan.FromMinutes(5));
            Assert.True(Admit(engine, assessments).Allowed);
        }

        [Fact]
        public void Rp_tight_is_off_by_default()
        {
            Admission ok = Admit(Engine(), Get($"/subscriptions/{Subscription}/providers/Microsoft.Security/assessments"));
            Assert.False(ok.Headers.ContainsKey("x-ms-ratelimit-remaining-subscription-resource-requests"));
        }

        [Fact]
        public void Resource_Graph_allows_15_queries_per_5_seconds_per_principal()
        {
            BehaviourEngine engine = Engine();
            RequestFacts query = RequestFacts.Create("POST", "/providers/Microsoft.ResourceGraph/resources", Tenant, Actor);
            for (int i = 1; i <= 15; i++)
            {
                Admission ok = Admit(engine, query);
                Assert.True(ok.Allowed);
                Assert.Equal((15 - i).ToString(), ok.Headers["x-ms-user-quota-remaining"]);
                Assert.Equal("00:00:05", ok.Headers["x-ms-user-quota-resets-after"]);
            }
            _clock.Advance(TimeSpan.FromSeconds(2));
            Admission refused = Admit(engine, query);
            Assert.Equal(ThrottleReason.ResourceGraph, refused.RefusedBy);
            Assert.Equal("RateLimiting", refused.Code);
            Assert.Contains("Client application has been throttled", refused.Message, StringComparison.Ordinal);
            Assert.Null(refused.RetryAfter);
            Assert.Equal("0", refused.Headers["x-ms-user-quota-remaining"]);
            Assert.Equal("00:00:03", refused.Headers["x-ms-user-quota-resets-after"]);
            Assert.True(Admit(engine, RequestFacts.Create("POST", "/providers/Microsoft.ResourceGraph/resources", Tenant, Guid.NewGuid())).Allowed);
            _clock.Advance(TimeSpan.FromSeconds(3));
            Assert.True(Admit(engine, query).Allowed);
        }

        [Fact]
        public void Resource_Graph_429s_carry_Retry_After_only_when_asked_and_scale_keeps_milliseconds()
        {
            BehaviourEngine engine = Engine(o => { o.ResourceGraphRetryAfter = true; o.TimeScale = 0.05; });
            RequestFacts query = RequestFacts.Create("POST", "/providers/Microsoft.ResourceGraph/resources", Tenant, Actor);
            Admission first = Admit(engine, query);
            Assert.Equal("00:00:00.250", first.Headers["x-ms-user-quota-resets-after"]);
            Assert.Equal(TimeSpan.FromMilliseconds(250), TimeSpan.Parse(first.Headers["x-ms-user-quota-resets-after"], System.Globalization.CultureInfo.InvariantCulture));
            for (int i = 0; i < 14; i++) Admit(engine, query);
            Assert.Equal(TimeSpan.FromMilliseconds(250), Admit(engine, query).RetryAfter);
        }

        [Fact]
        public void Resource_Graph_is_not_charged_to_the_ARM_buckets()
        {
            Admission ok = Admit(Engine(), RequestFacts.Create("POST", "/providers/Microsoft.ResourceGraph/resources", Tenant, Actor));
            Assert.DoesNotContain(ok.Headers.Keys, k => k.StartsWith("x-ms-ratelimit", StringComparison.Ordinal));
        }

        [Fact]
        public void The_background_job_throttle_has_no_Retry_After()
        {
            BehaviourEngine engine = Engine(o => { o.BackgroundThrottleRate = 1.0; o.ArmThrottling = false; });
            Admission refused = Admit(engine, SubscriptionGet());
            Assert.Equal(ThrottleReason.Background, refused.RefusedBy);
            Assert.Null(refused.RetryAfter);
            Assert.Contains("Read_ObservationWindow_00:05:00", refused.Message, StringComparison.Ordinal);
            Assert.Contains("excessive volume of traffic", refused.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_background_job_throttle_hits_about_0_01_percent_in_realistic_and_none_when_calm()
        {
            BehaviourEngine realistic = Engine(o => { o.FaultProfile = FaultProfile.Realistic; o.ArmThrottling = false; });
            int throttled = Enumerable.Range(0, 200_000).Count(_ => !Admit(realistic, SubscriptionGet()).Allowed);
            Assert.InRange(throttled, 8, 35); // expected 20
            BehaviourEngine calm = Engine(o => o.ArmThrottling = false);
            Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(Admit(calm, SubscriptionGet()).Allowed));
        }
    }
}
