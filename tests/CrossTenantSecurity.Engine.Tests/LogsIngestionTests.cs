using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Ingestion;
using CrossTenantSecurity.Engine.Session;
using CrossTenantSecurity.Engine.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>Save-CtPostureSnapshot -LogAnalytics: the POSTs to the data collection endpoint over the session pipeline.</summary>
    public class LogsIngestionTests
    {
        private const string Rule = "dcr-0123456789abcdef0123456789abcdef";
        private const string StreamPath = "/dataCollectionRules/" + Rule + "/streams/Custom-CtPostureHistory";
        private static readonly LogsIngestionTarget Target = new(new Uri("https://ct-dce.westeurope-1.ingest.monitor.azure.com"), Rule, "Custom-CtPostureHistory");
        private readonly FakeTimeProvider _clock = ManualClock.Create();

        private static byte[] Body(int rows) =>
            System.Text.Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, rows).Select(i => "{\"Row\":" + i + "}")) + "]");

        [Fact]
        public async Task Each_batch_is_one_POST_of_a_JSON_array_under_the_managing_tenants_monitor_token()
        {
            var dce = new FakeArm(_clock).OnPost(StreamPath, _ => new FakeResponse(204, string.Empty));

            await Gateway(dce).UploadAsync(Target, new[] { Body(2), Body(1) }, null, CancellationToken.None);

            FakeCall[] calls = dce.Calls.ToArray();
            Assert.Equal(2, calls.Length);
            Assert.All(calls, call =>
            {
                Assert.Equal("POST", call.Method);
                Assert.Equal("https://ct-dce.westeurope-1.ingest.monitor.azure.com" + StreamPath + "?api-version=2023-01-01", call.Uri.AbsoluteUri);
                Assert.Equal("application/json", call.ContentType);
                TokenClaims claims = TokenClaims.TryRead(call.Authorization!.Substring("Bearer ".Length))!;
                Assert.Equal(TestSupport.Msp, claims.TenantId);
                Assert.Equal("https://monitor.azure.com", claims.Audience);
            });
            Assert.Equal(2, JsonNode.Parse(calls[0].Body)!.AsArray().Count);
            Assert.Single(JsonNode.Parse(calls[1].Body)!.AsArray());
        }

        [Theory]
        [InlineData("AzureUSGovernment", "https://monitor.azure.us")]
        [InlineData("AzureChinaCloud", "https://monitor.azure.cn")]
        [InlineData("AzureCloud", "https://monitor.azure.com")]
        public void The_token_audience_comes_from_the_environment(string cloud, string audience)
        {
            CloudEnvironment environment = CloudEnvironment.BuiltIn.Single(e => e.Name == cloud);
            Assert.Equal(audience, environment.GetEndpoint(CloudService.MonitorIngestion).Audience);
            Assert.Equal(CloudEnvironment.DefaultMonitorIngestionAudience, TestSupport.Environment.MonitorIngestionAudience); // custom clouds default to public Azure's
        }

        [Fact]
        public async Task A_429_waits_for_Retry_After_on_the_session_clock_and_sends_the_batch_again()
        {
            int calls = 0;
            var dce = new FakeArm(_clock).OnPost(StreamPath, _ => Interlocked.Increment(ref calls) == 1
                ? new FakeResponse(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Rate limit exceeded\"}}", ("Retry-After", "7"))
                : new FakeResponse(204, string.Empty));
            DateTimeOffset start = _clock.GetUtcNow();

            Task upload = Gateway(dce).UploadAsync(Target, new[] { Body(3) }, null, CancellationToken.None);
            await _clock.AdvanceUntilDoneAsync(upload, TimeSpan.FromMilliseconds(500));
            await upload;

            var sent = dce.Sent.Select(s => s.At).ToArray();
            Assert.Equal(2, sent.Length);
            Assert.True(sent[1] - start >= TimeSpan.FromSeconds(7), "the batch was sent again before Retry-After");
            Assert.Equal(dce.Calls.First().Body, dce.Calls.Last().Body);
        }

        [Theory]
        [InlineData(400, "InvalidContent", "The request body must be a JSON array of objects.")]
        [InlineData(413, "ContentLengthLimitExceeded", "Maximum allowed content length: 1048576 bytes.")]
        public async Task A_refused_batch_names_the_batch_and_the_services_code_and_is_not_sent_again(int status, string code, string message)
        {
            int posts = 0;
            var dce = new FakeArm(_clock).OnPost(StreamPath, _ => Interlocked.Increment(ref posts) == 2
                ? new FakeResponse(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")
                : new FakeResponse(204, string.Empty));

            var e = await Assert.ThrowsAsync<CrossTenantException>(() => Gateway(dce).UploadAsync(Target, new[] { Body(1), Body(1), Body(1) }, null, CancellationToken.None));

            Assert.Equal("Ingestion.BatchRefused", e.ErrorId);
            Assert.StartsWith($"Batch 2 of 3 (", e.Message, StringComparison.Ordinal);
            Assert.Contains($"{status} {code}", e.Message, StringComparison.Ordinal);
            Assert.Contains("Batches 1 to 1 were stored.", e.Message, StringComparison.Ordinal);
            Assert.Equal(2, dce.Calls.Count); // not retried, and batch 3 never sent
        }

        [Fact]
        public async Task A_snapshot_goes_as_its_rows_in_batches_each_under_the_limit()
        {
            var dce = new FakeArm(_clock).OnPost(StreamPath, _ => new FakeResponse(204, string.Empty));
            PostureSnapshot snapshot = new SyntheticEstate(3000).Build(ManualClock.Start);

            PostureUpload upload = await PostureUploader.UploadAsync(Gateway(dce), snapshot, Target, "1.2.3", null, null, CancellationToken.None);

            Assert.Equal(snapshot.Tenants.Count + snapshot.Subscriptions.Count, upload.RowCount);
            Assert.True(upload.BatchCount > 1, "a large snapshot needs more than one call");
            Assert.Equal(upload.BatchCount, dce.Calls.Count);
            Assert.All(dce.Calls, c => Assert.True(System.Text.Encoding.UTF8.GetByteCount(c.Body) < 1_000_000));
            Assert.Equal(upload.RowCount, dce.Calls.Sum(c => JsonNode.Parse(c.Body)!.AsArray().Count));
            Assert.Single(dce.Calls.SelectMany(c => JsonNode.Parse(c.Body)!.AsArray()).Select(r => (string?)r!["SnapshotId"]).Distinct());
        }

        [Theory]
        [InlineData("http://dce.example.test", Rule, "Custom-CtPostureHistory")]
        [InlineData("https://dce.example.test", "/subscriptions/x/resourceGroups/y/providers/Microsoft.Insights/dataCollectionRules/z", "Custom-CtPostureHistory")]
        [InlineData("https://dce.example.test", Rule, "Custom-Ct/../x")]
        [InlineData("https://dce.example.test", Rule, "CtPostureHistory_CL")]
        public void A_target_that_is_not_https_a_dcr_id_and_a_stream_is_refused_before_sending(string endpoint, string rule, string stream)
        {
            var e = Assert.Throws<CrossTenantException>(() => new LogsIngestionTarget(new Uri(endpoint), rule, stream));
            Assert.Equal("Ingestion.InvalidTarget", e.ErrorId);
        }

        private LogsIngestionGateway Gateway(FakeArm dce)
        {
            var transport = new ServiceTransport(TestSupport.Options(time: _clock), dce);
            return new LogsIngestionGateway(transport, FakeTenantCredential.Broker(transport.Options));
        }
    }
}
