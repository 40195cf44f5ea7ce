using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using CrossTenantSecurity.Engine.Transport;
using CrossTenantSecurity.Engine.Session;

namespace CrossTenantSecurity.Engine.Tests
{
    public class ReadHedgingTests
    {
        private const string Scores = "/subscriptions/{0}/providers/Microsoft.Security/secureScores/ascScore?api-version=2020-01-01";
        private static readonly Guid Sub = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");

        [Fact]
        public async Task A_read_later_than_the_learned_tail_is_sent_again_and_the_first_answer_wins()
        {
            var transport = new TimedTransport((uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? TimeSpan.FromSeconds(30) : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport, out _);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            var watch = Stopwatch.StartNew();
            using JsonDocument answer = await gateway.GetAsync(Path(Sub), null, CancellationToken.None);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
            Assert.Equal(Sub.ToString(), answer.RootElement.GetProperty("subscription").GetString());
            Assert.Equal(2, transport.Started(Sub));
            Assert.Equal(1, gateway.Hedging.Hedges);
            Assert.Equal(1, gateway.Hedging.HedgeWins);
            await transport.WaitForCancelledAsync(1);
        }

        [Fact]
        public async Task A_read_whose_body_stalls_after_the_headers_is_hedged_too()
        {
            var transport = new TimedTransport((uri, attempt) => TimeSpan.Zero,
                (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? new FakeResponse(200, new StallingStream()) : null);
            ArmGateway gateway = Gateway(transport, out _);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            var watch = Stopwatch.StartNew();
            using JsonDocument answer = await gateway.GetAsync(Path(Sub), null, CancellationToken.None);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
            Assert.Equal(1, gateway.Hedging.HedgeWins);
        }

        [Fact]
        public async Task A_403_from_the_hedge_is_the_answer_without_waiting_for_the_late_first_request()
        {
            var transport = new TimedTransport((uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? TimeSpan.FromSeconds(30) : TimeSpan.Zero,
                (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) ? new FakeResponse(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}") : null);
            ArmGateway gateway = Gateway(transport, out _);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            var watch = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<ArmRequestException>(() => gateway.GetAsync(Path(Sub), null, CancellationToken.None));

            Assert.Equal(403, error.Status);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
            await transport.WaitForCancelledAsync(1);
        }

        [Fact]
        public async Task A_retry_that_is_late_in_turn_is_hedged_but_the_wait_before_it_is_not()
        {
            var transport = new TimedTransport((uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 2 ? TimeSpan.FromSeconds(30) : TimeSpan.Zero,
                (uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? new FakeResponse(503, "{}", ("Retry-After", "1")) : null);
            ArmGateway gateway = Gateway(transport, out _);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            var watch = Stopwatch.StartNew();
            using JsonDocument answer = await gateway.GetAsync(Path(Sub), null, CancellationToken.None);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), "the Retry-After was not waited out");
            Assert.Equal(3, transport.Started(Sub)); // the 503, its late retry, and one hedge sent after the retry went out
            Assert.Equal(1, gateway.Hedging.HedgeWins);
        }

        [Fact]
        public async Task Nothing_is_hedged_before_the_session_has_seen_enough_reads_of_that_kind()
        {
            var transport = new TimedTransport((uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? TimeSpan.FromMilliseconds(600) : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport, out _);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples - 2);

            using JsonDocument answer = await gateway.GetAsync(Path(Sub), null, CancellationToken.None);

            Assert.Equal(1, transport.Started(Sub));
            Assert.Equal(0, gateway.Hedging.Hedges);
        }

        [Fact]
        public async Task A_kind_not_seen_often_enough_borrows_the_sessions_tail_doubled()
        {
            string alerts = $"/subscriptions/{Sub}/providers/Microsoft.Security/alerts?api-version=2022-01-01";
            var transport = new TimedTransport((uri, attempt) => uri.AbsolutePath.EndsWith("/alerts", StringComparison.Ordinal) && attempt == 1 ? TimeSpan.FromSeconds(30) : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport, out _);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6); // secure scores only

            var watch = Stopwatch.StartNew();
            using JsonDocument answer = await gateway.GetAsync(alerts, null, CancellationToken.None);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
            Assert.Equal(1, gateway.Hedging.Hedges);
        }

        [Fact]
        public async Task Hedges_stay_within_the_budget_when_everything_is_late_at_once()
        {
            var late = Enumerable.Range(1, 12).Select(i => Guid.Parse($"cccccccc-0000-4000-8000-{i:D12}")).ToList();
            var transport = new TimedTransport((uri, attempt) => late.Any(s => uri.AbsolutePath.Contains(s.ToString())) && attempt == 1 ? TimeSpan.FromMilliseconds(1500) : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport, out _);
            int warmUp = ReadHedging.MinimumSamples + 6;
            await WarmUpAsync(gateway, warmUp);

            var reads = late.Select(async s => { using JsonDocument _ = await gateway.GetAsync(Path(s), null, CancellationToken.None); }).ToList();
            await Task.WhenAll(reads);

            // One hedge to start with, one more per 50 reads.
            int budget = (int)Math.Floor(1 + (warmUp + late.Count) / (double)ReadHedging.RequestsPerHedge);
            Assert.Equal(budget, gateway.Hedging.Hedges);
            Assert.Equal(late.Count + budget, late.Sum(transport.Started));
        }

        [Fact]
        public async Task A_read_waiting_out_another_requests_Retry_After_is_not_hedged()
        {
            var transport = new TimedTransport((uri, attempt) => TimeSpan.Zero,
                (uri, attempt) => uri.Query.Contains("first") && attempt == 1
                    ? new FakeResponse(429, "{\"error\":{\"code\":\"SubscriptionRequestsThrottled\",\"message\":\"x\"}}", ("Retry-After", "1"))
                    : null);
            ArmGateway gateway = Gateway(transport, out ThrottleGovernorPolicy governor);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            Task<JsonDocument> throttled = gateway.GetAsync(Path(Sub) + "&first", null, CancellationToken.None);
            while (transport.Started(Sub) == 0) await Task.Delay(10);
            await Task.Delay(100);
            Task<JsonDocument> held = gateway.GetAsync(Path(Sub) + "&second", null, CancellationToken.None);
            (await throttled).Dispose();
            (await held).Dispose();

            Assert.True(governor.Waits >= 1);
            Assert.Equal(3, transport.Started(Sub)); // the 429, its retry, and the held read: no hedge
            Assert.Equal(0, gateway.Hedging.Hedges);
        }

        [Fact]
        public async Task Reads_that_needed_a_retry_do_not_teach_the_percentile()
        {
            var transport = new TimedTransport((uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? TimeSpan.FromMilliseconds(600) : TimeSpan.Zero,
                (uri, attempt) => !uri.AbsolutePath.Contains(Sub.ToString()) && attempt == 1 ? new FakeResponse(503, "{}", ("Retry-After", "0")) : null);
            ArmGateway gateway = Gateway(transport, out _);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6); // every one answered on its second try

            using JsonDocument answer = await gateway.GetAsync(Path(Sub), null, CancellationToken.None);

            Assert.Equal(1, transport.Started(Sub));
            Assert.Equal(0, gateway.Hedging.Hedges);
        }

        [Fact]
        public async Task Switched_off_every_read_is_sent_once()
        {
            var transport = new TimedTransport((uri, attempt) => uri.AbsolutePath.Contains(Sub.ToString()) ? TimeSpan.FromMilliseconds(800) : TimeSpan.Zero);
            ArmGateway gateway = Gateway(transport, out _, hedgeReads: false);
            await WarmUpAsync(gateway, ReadHedging.MinimumSamples + 6);

            using JsonDocument answer = await gateway.GetAsync(Path(Sub), null, CancellationToken.None);

            Assert.Equal(1, transport.Started(Sub));
            Assert.Equal(0, gateway.Hedging.Hedges);
        }

        [Fact]
        public void Reads_of_every_subscription_share_a_kind_and_other_reads_do_not()
        {
            string a = ReadHedging.KindOf(new Uri(TestSupport.Endpoint, Path(Sub)));
            string b = ReadHedging.KindOf(new Uri(TestSupport.Endpoint, Path(Guid.NewGuid())));
            string other = ReadHedging.KindOf(new Uri(TestSupport.Endpoint, $"/subscriptions/{Sub}/providers/Microsoft.Security/assessments?api-version=2021-06-01"));

            Assert.Equal(a, b);
            Assert.NotEqual(a, other);
        }

        private static string Path(Guid subscription) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Scores, subscription);

        private static async Task WarmUpAsync(ArmGateway gateway, int reads)
        {
            for (int i = 0; i < reads; i++)
            {
                using JsonDocument _ = await gateway.GetAsync(Path(Guid.Parse($"bbbbbbbb-0000-4000-8000-{i:D12}")), null, CancellationToken.None);
            }
        }

        private static ArmGateway Gateway(TimedTransport transport, out ThrottleGovernorPolicy governor, bool hedgeReads = true)
        {
            var environment = new CloudEnvironment("Fake", TestSupport.Endpoint, new Uri("https://login.example.test/"), TestSupport.Endpoint.AbsoluteUri, null, false);
            var options = new ConnectionOptions { Environment = environment, MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(1), NetworkTimeout = TimeSpan.FromSeconds(60) };
            var credential = new StaticTokenCredential(TestSupport.Jwt(TestSupport.Msp), DateTimeOffset.UtcNow.AddHours(1));
            governor = new ThrottleGovernorPolicy();
            HttpPipeline pipeline = ArmGateway.CreatePipeline(credential, environment, options, transport, governor);
            return new ArmGateway(pipeline, TestSupport.Endpoint, governor, hedgeReads);
        }

        /// <summary>A body that never arrives: every read waits until cancelled.</summary>
        private sealed class StallingStream : System.IO.Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => 0; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) { Thread.Sleep(30_000); return 0; }
            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Delay(30_000, cancellationToken);
                return 0;
            }
            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await Task.Delay(30_000, cancellationToken);
                return 0;
            }
            public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        /// <summary>Answers each request after a delay chosen by its URI and how many times that URI has been sent; records cancellations.</summary>
        private sealed class TimedTransport : HttpPipelineTransport
        {
            private readonly Func<Uri, int, TimeSpan> _delay;
            private readonly Func<Uri, int, FakeResponse?>? _override;
            private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
            private int _cancelled;

            public TimedTransport(Func<Uri, int, TimeSpan> delay, Func<Uri, int, FakeResponse?>? respond = null)
            {
                _delay = delay;
                _override = respond;
            }

            public int Started(Guid subscription) => _attempts.Where(a => a.Key.Contains(subscription.ToString(), StringComparison.Ordinal)).Sum(a => a.Value);

            public async Task WaitForCancelledAsync(int count)
            {
                for (int i = 0; i < 500 && Volatile.Read(ref _cancelled) < count; i++) await Task.Delay(10);
                Assert.Equal(count, Volatile.Read(ref _cancelled));
            }

            public override Request CreateRequest() => new FakeRequest();

            public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

            public override async ValueTask ProcessAsync(HttpMessage message)
            {
                Uri uri = message.Request.Uri.ToUri();
                int attempt = _attempts.AddOrUpdate(uri.PathAndQuery, 1, (_, n) => n + 1);
                TimeSpan delay = _delay(uri, attempt);
                try
                {
                    if (delay > TimeSpan.Zero) await Task.Delay(delay, message.CancellationToken);
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
