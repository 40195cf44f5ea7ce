using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using CrossTenantSecurity.Engine.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// Hedged reads on the manual clock: the transport's latencies and the gateway's waits are all on it, so each test
    /// says when a request went out and how long the read took in the clock's own time.
    /// </summary>
    public class ReadHedgingTests
    {
        private const string Scores = "/subscriptions/{0}/providers/Microsoft.Security/secureScores/ascScore?api-version=2020-01-01";
        private static readonly Guid Sub = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
        private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
        private static readonly TimeSpan Late = TimeSpan.FromSeconds(30);

        private readonly FakeTimeProvider _clock = ManualClock.Create();

        [Fact]
        public async Task A_read_later_than_the_learned_tail_is_sent_again_and_the_first_answer_wins()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? Late : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            DateTimeOffset start = _clock.GetUtcNow();
            Task<JsonDocument> read = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilAsync(() => transport.Started(Sub) == 2, Step);
            using JsonDocument answer = await read;

            Assert.True(_clock.GetUtcNow() - start < Late, "the read waited for the late request");
            Assert.True(_clock.GetUtcNow() - start >= ReadHedging.MinimumDelay, "hedged before the minimum delay");
            Assert.Equal(Sub.ToString(), answer.RootElement.GetProperty("subscription").GetString());
            Assert.Equal(1, gateway.Hedging.Hedges);
            Assert.Equal(1, gateway.Hedging.HedgeWins);
            await ManualClock.WaitUntilAsync(() => transport.Cancelled == 1);
        }

        [Fact]
        public async Task A_read_whose_body_stalls_after_the_headers_is_hedged_too()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => TimeSpan.Zero,
                (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? new FakeResponse(200, new StallingStream()) : null);
            ArmGateway gateway = Gateway(transport);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            Task<JsonDocument> read = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilDoneAsync(read, Step); // the stalling body never ends by itself: only the hedge can answer
            (await read).Dispose();

            Assert.Equal(2, transport.Started(Sub));
            Assert.Equal(1, gateway.Hedging.HedgeWins);
        }

        [Fact]
        public async Task A_403_from_the_hedge_is_the_answer_without_waiting_for_the_late_first_request()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? Late : TimeSpan.Zero,
                (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) ? new FakeResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}") : null);
            ArmGateway gateway = Gateway(transport);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            DateTimeOffset start = _clock.GetUtcNow();
            Task<JsonDocument> read = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilAsync(() => transport.Started(Sub) == 2, Step);
            var error = await Assert.ThrowsAsync<ArmRequestException>(() => read);

            Assert.Equal(403, error.Status);
            Assert.True(_clock.GetUtcNow() - start < Late, "the 403 waited for the late request");
            await ManualClock.WaitUntilAsync(() => transport.Cancelled == 1);
        }

        [Fact]
        public async Task A_retry_that_is_late_in_turn_is_hedged_but_the_wait_before_it_is_not()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 2 ? Late : TimeSpan.Zero,
                (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? new FakeResponse(503, "{}", ("Retry-After", "1")) : null);
            ArmGateway gateway = Gateway(transport);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            DateTimeOffset start = _clock.GetUtcNow();
            Task<JsonDocument> read = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilAsync(() => transport.Started(Sub) == 3, Step);
            using JsonDocument answer = await read;

            // The 503, its retry after the Retry-After, and one hedge once that retry was late.
            Assert.True(transport.StartedAt(Sub, 2) - start >= TimeSpan.FromSeconds(1), "the Retry-After was not waited out");
            Assert.True(transport.StartedAt(Sub, 3) - transport.StartedAt(Sub, 2) >= ReadHedging.MinimumDelay, "the wait before the retry counted as lateness");
            Assert.True(_clock.GetUtcNow() - start < Late);
            Assert.Equal(1, gateway.Hedging.HedgeWins);
        }

        [Fact]
        public async Task Before_the_session_has_seen_enough_reads_only_a_read_past_a_tenth_of_the_per_try_timeout_is_hedged()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? TimeSpan.FromMilliseconds(600) : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport);
            await WarmUpAsync(gateway, ReadHedging.EarlySamples - 2);

            Task<JsonDocument> read = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilDoneAsync(read, Step);
            (await read).Dispose();

            Assert.Equal(1, transport.Started(Sub));
            Assert.Equal(0, gateway.Hedging.Hedges);
        }

        [Fact]
        public async Task A_hung_first_read_with_no_history_at_all_is_hedged_after_a_tenth_of_the_per_try_timeout()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => attempt == 1 ? Timeout.InfiniteTimeSpan : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport);

            Task<JsonDocument> read = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilDoneAsync(read, Step);
            (await read).Dispose();

            TimeSpan hedgedAfter = transport.StartedAt(Sub, 2) - transport.StartedAt(Sub, 1);
            TimeSpan tenth = TestSupport.Options().NetworkTimeout * ReadHedging.NoHistoryShareOfTimeout;
            Assert.InRange(hedgedAfter, tenth, tenth + Step);
            Assert.Equal(1, gateway.Hedging.HedgeWins);
            await ManualClock.WaitUntilAsync(() => transport.Cancelled == 1);
        }

        [Fact]
        public async Task A_read_sent_before_anything_was_known_is_judged_by_what_the_session_learns_while_it_hangs()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? Timeout.InfiniteTimeSpan : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport);
            Task<JsonDocument> hung = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await ManualClock.WaitUntilAsync(() => transport.Started(Sub) == 1);

            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6); // answered at once: the learned threshold is the minimum
            await _clock.AdvanceUntilDoneAsync(hung, Step);
            (await hung).Dispose();

            TimeSpan tenth = TestSupport.Options().NetworkTimeout * ReadHedging.NoHistoryShareOfTimeout;
            Assert.True(transport.StartedAt(Sub, 2) - transport.StartedAt(Sub, 1) < tenth, "the hung read waited for the threshold it started with");
            Assert.Equal(1, gateway.Hedging.HedgeWins);
        }

        [Fact]
        public async Task A_hedge_that_hangs_in_turn_gets_a_hedge_of_its_own()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt <= 2 ? Timeout.InfiniteTimeSpan : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            Task<JsonDocument> read = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilDoneAsync(read, Step);
            (await read).Dispose();

            Assert.Equal(1 + ReadHedging.MaximumHedgesPerRead, transport.Started(Sub));
            Assert.Equal(1, gateway.Hedging.HedgeWins);
            await ManualClock.WaitUntilAsync(() => transport.Cancelled == 2); // both hung requests
        }

        [Fact]
        public async Task Hedges_that_answer_first_grow_the_budget_so_every_hung_read_is_hedged()
        {
            var hung = Enumerable.Range(1, 12).Select(i => Guid.Parse($"dddddddd-0000-4000-8000-{i:D12}")).ToList();
            var transport = new TimedTransport(_clock, (uri, attempt) => hung.Any(s => uri.AbsolutePath.Contains(s.ToString())) && attempt == 1 ? Timeout.InfiniteTimeSpan : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport);
            int warmUp = ReadHedging.MinimumSamples + 6;
            await WarmUpAsync(gateway, warmUp);

            // All at once: the budget of the base rate runs out, and the late reads wait until the first hedges' wins refill it.
            var reads = hung.Select(async s => { using JsonDocument _ = await gateway.GetAsync(Path(s), null, CancellationToken.None); }).ToList();
            await _clock.AdvanceUntilDoneAsync(Task.WhenAll(reads), Step);

            int baseBudget = (int)Math.Floor(1 + (warmUp + hung.Count) / (double)ReadHedging.RequestsPerHedge);
            Assert.True(hung.Count > baseBudget);
            Assert.Equal(hung.Count, gateway.Hedging.Hedges);
            Assert.Equal(hung.Count, gateway.Hedging.HedgeWins);
        }

        [Fact]
        public async Task A_kind_not_seen_often_enough_borrows_the_sessions_tail_doubled()
        {
            string alerts = $"/subscriptions/{Sub}/providers/Microsoft.Security/alerts?api-version=2022-01-01";
            var transport = new TimedTransport(_clock, (uri, attempt) => uri.AbsolutePath.EndsWith("/alerts", StringComparison.Ordinal) && attempt == 1 ? Late : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6); // secure scores only

            DateTimeOffset start = _clock.GetUtcNow();
            Task<JsonDocument> read = gateway.GetAsync(alerts, null, CancellationToken.None);
            await _clock.AdvanceUntilAsync(() => transport.Started(Sub) == 2, Step);
            (await read).Dispose();

            Assert.True(_clock.GetUtcNow() - start < Late);
            Assert.Equal(1, gateway.Hedging.Hedges);
        }

        [Fact]
        public async Task A_kind_seen_a_few_times_is_judged_by_twice_its_own_90th_percentile_not_the_sessions_tail()
        {
            string Alerts(Guid s) => $"/subscriptions/{s}/providers/Microsoft.Security/alerts?api-version=2022-01-01";
            var warm = Enumerable.Range(0, ReadHedging.MinimumSamples + 6).Select(i => Guid.Parse($"eeeeeeee-0000-4000-8000-{i:D12}")).ToList();
            TimeSpan scoresTake = TimeSpan.FromSeconds(2), alertsTake = TimeSpan.FromMilliseconds(300);
            var transport = new TimedTransport(_clock, (uri, attempt) =>
                uri.AbsolutePath.Contains(Sub.ToString()) ? (attempt == 1 ? Timeout.InfiniteTimeSpan : TimeSpan.Zero)
                : uri.AbsolutePath.EndsWith("/alerts", StringComparison.Ordinal) ? alertsTake : scoresTake);
            ArmGateway gateway = Gateway(transport);
            await ReadAllAsync(gateway, warm.Select(Path)); // the session's tail: 2 s, so a borrowed threshold would be 4 s
            await ReadAllAsync(gateway, warm.Take(ReadHedging.EarlySamples + 4).Select(Alerts));

            Task<JsonDocument> hung = gateway.GetAsync(Alerts(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilDoneAsync(hung, Step);
            (await hung).Dispose();

            TimeSpan hedgedAfter = transport.StartedAt(Sub, 2) - transport.StartedAt(Sub, 1);
            Assert.InRange(hedgedAfter, alertsTake * 2, alertsTake * 2 + Step);
        }

        [Fact]
        public async Task Hedges_stay_within_the_budget_when_everything_is_late_at_once()
        {
            // Every request for these subscriptions is slow, hedges too: a hedge never answers first, so none pays for itself.
            var late = Enumerable.Range(1, 12).Select(i => Guid.Parse($"cccccccc-0000-4000-8000-{i:D12}")).ToList();
            var transport = new TimedTransport(_clock, (uri, attempt) => late.Any(s => uri.AbsolutePath.Contains(s.ToString())) ? TimeSpan.FromMilliseconds(1500) : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport);
            int warmUp = ReadHedging.MinimumSamples + 6;
            await WarmUpAsync(gateway, warmUp);

            var reads = late.Select(async s => { using JsonDocument _ = await gateway.GetAsync(Path(s), null, CancellationToken.None); }).ToList();
            await _clock.AdvanceUntilDoneAsync(Task.WhenAll(reads), Step);

            // One hedge to start with, one more per 50 reads.
            int budget = (int)Math.Floor(1 + (warmUp + late.Count) / (double)ReadHedging.RequestsPerHedge);
            Assert.Equal(budget, gateway.Hedging.Hedges);
            Assert.Equal(0, gateway.Hedging.HedgeWins);
            Assert.Equal(late.Count + budget, late.Sum(transport.Started));
        }

        [Fact]
        public async Task A_read_waiting_out_another_requests_Retry_After_is_not_hedged()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => TimeSpan.Zero,
                (uri, attempt) => uri.Query.Contains("first") && attempt == 1
                    ? new FakeResponse(429, "{\"error\":{\"code\":\"SubscriptionRequestsThrottled\",\"message\":\"x\"}}", ("Retry-After", "1"))
                    : null);
            ServiceTransport session = Session(transport);
            ArmGateway gateway = TestSupport.Gateway(session);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            Task<JsonDocument> throttled = gateway.GetAsync(Path(Sub) + "&first", null, CancellationToken.None);
            await ManualClock.WaitUntilAsync(() => transport.Started(Sub) == 1);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            Task<JsonDocument> held = gateway.GetAsync(Path(Sub) + "&second", null, CancellationToken.None);
            await _clock.AdvanceUntilDoneAsync(Task.WhenAll(throttled, held), Step);
            (await throttled).Dispose();
            (await held).Dispose();

            Assert.True(session.Governor.Waits >= 1);
            Assert.Equal(3, transport.Started(Sub)); // the 429, its retry, and the held read: no hedge
            Assert.Equal(0, gateway.Hedging.Hedges);
        }

        [Fact]
        public async Task Reads_that_needed_a_retry_do_not_teach_the_percentile()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? TimeSpan.FromMilliseconds(600) : TimeSpan.Zero,
                (uri, attempt) => !uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? new FakeResponse(503, "{}", ("Retry-After", "0")) : null);
            ArmGateway gateway = Gateway(transport);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6); // every one answered on its second try

            Task<JsonDocument> read = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilDoneAsync(read, Step);
            (await read).Dispose();

            Assert.Equal(1, transport.Started(Sub));
            Assert.Equal(0, gateway.Hedging.Hedges);
        }

        [Fact]
        public async Task Switched_off_every_read_is_sent_once()
        {
            var transport = new TimedTransport(_clock, (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) ? TimeSpan.FromMilliseconds(800) : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport, hedgeReads: false);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            Task<JsonDocument> read = gateway.GetAsync(Path(Sub), null, CancellationToken.None);
            await _clock.AdvanceUntilDoneAsync(read, Step);
            (await read).Dispose();

            Assert.Equal(1, transport.Started(Sub));
            Assert.Equal(0, gateway.Hedging.Hedges);
        }

        [Fact]
        public void Hedging_kinds_come_from_the_scope_every_subscription_shares_one_and_other_reads_do_not()
        {
            var a = ReadHedging.KindOf(ArmPathScope.Derive(new Uri(TestSupport.Endpoint, Path(Sub))));
            var b = ReadHedging.KindOf(ArmPathScope.Derive(new Uri(TestSupport.Endpoint, Path(Guid.NewGuid()))));
            var other = ReadHedging.KindOf(ArmPathScope.Derive(new Uri(TestSupport.Endpoint, $"/subscriptions/{Sub}/providers/Microsoft.Security/assessments?api-version=2021-06-01")));
            var inGroup = ReadHedging.KindOf(ArmPathScope.Derive(new Uri(TestSupport.Endpoint, $"/subscriptions/{Sub}/resourceGroups/rg-a/providers/Microsoft.Security/assessments")));
            var inOtherGroup = ReadHedging.KindOf(ArmPathScope.Derive(new Uri(TestSupport.Endpoint, $"/subscriptions/{Guid.NewGuid()}/resourceGroups/rg-b/providers/Microsoft.Security/assessments")));
            var graph = ReadHedging.KindOf(RequestScope.ForTenant(CloudService.MicrosoftGraph, Sub, "/providers/Microsoft.Security/assessments"));

            Assert.Equal(a, b);
            Assert.NotEqual(a, other);
            Assert.Equal(inGroup, inOtherGroup); // every resource group's assessments are one kind, whatever the group is called
            Assert.NotEqual(other, inGroup);
            Assert.NotEqual(inGroup, graph);
        }

        private static string Path(Guid subscription) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Scores, subscription);

        /// <summary>Reads all at once, moving the clock until every one has answered.</summary>
        private async Task ReadAllAsync(ArmGateway gateway, System.Collections.Generic.IEnumerable<string> paths)
        {
            var reads = paths.Select(async p => { using JsonDocument _ = await gateway.GetAsync(p, null, CancellationToken.None); }).ToList();
            await _clock.AdvanceUntilDoneAsync(Task.WhenAll(reads), Step);
        }

        /// <summary>Reads that teach the session its latencies; the clock moves only as far as a retry's back-off needs.</summary>
        private async Task WarmUpAsync(ArmGateway gateway, int reads)
        {
            for (int i = 0; i < reads; i++)
            {
                Task<JsonDocument> read = gateway.GetAsync(Path(Guid.Parse($"bbbbbbbb-0000-4000-8000-{i:D12}")), null, CancellationToken.None);
                await _clock.AdvanceUntilDoneAsync(read, TimeSpan.FromMilliseconds(1));
                (await read).Dispose();
            }
        }

        private ServiceTransport Session(TimedTransport transport, bool hedgeReads = true) =>
            new(TestSupport.Options(maxRetries: 2, time: _clock, hedgeReads: hedgeReads), transport);

        private ArmGateway Gateway(TimedTransport transport, bool hedgeReads = true) => TestSupport.Gateway(Session(transport, hedgeReads));

        /// <summary>
        /// Answers each request after a delay on the manual clock, chosen by its URI and how many times that URI has been
        /// sent; records when each request started and how many were cancelled.
        /// </summary>
        private sealed class TimedTransport : HttpPipelineTransport
        {
            private readonly TimeProvider _clock;
            private readonly Func<Uri, int, TimeSpan> _delay;
            private readonly Func<Uri, int, FakeResponse?>? _override;
            private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
            private readonly ConcurrentQueue<(string Path, DateTimeOffset At)> _started = new();
            private int _cancelled;

            public TimedTransport(TimeProvider clock, Func<Uri, int, TimeSpan> delay, Func<Uri, int, FakeResponse?>? respond = null)
            {
                _clock = clock;
                _delay = delay;
                _override = respond;
            }

            public int Cancelled => Volatile.Read(ref _cancelled);

            public int Started(Guid subscription) => _attempts.Where(a => a.Key.Contains(subscription.ToString(), StringComparison.Ordinal)).Sum(a => a.Value);

            /// <summary>When the n-th request (1-based) for the subscription started, on the manual clock.</summary>
            public DateTimeOffset StartedAt(Guid subscription, int n) =>
                _started.Where(s => s.Path.Contains(subscription.ToString(), StringComparison.Ordinal)).ElementAt(n - 1).At;

            public override Request CreateRequest() => new FakeRequest();

            public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

            public override async ValueTask ProcessAsync(HttpMessage message)
            {
                Uri uri = message.Request.Uri.ToUri();
                int attempt = _attempts.AddOrUpdate(uri.PathAndQuery, 1, (_, n) => n + 1);
                _started.Enqueue((uri.PathAndQuery, _clock.GetUtcNow()));
                TimeSpan delay = _delay(uri, attempt);
                try
                {
                    if (delay != TimeSpan.Zero) await Task.Delay(delay, _clock, message.CancellationToken); // Timeout.InfiniteTimeSpan: a hang
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _cancelled);
                    throw;
                }
                string subscription = uri.AbsolutePath.Split('/')[2];
                message.Response = _override?.Invoke(uri, attempt) ?? new FakeResponse(200, "{\"subscription\":\"" + subscription + "\"}");
            }
        }
    }
}
