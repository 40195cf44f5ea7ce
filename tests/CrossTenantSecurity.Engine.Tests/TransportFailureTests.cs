using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// A request that gets no answer, through the real pipeline over a transport that fails the way Azure.Core's
    /// HttpClientTransport does (the exception types and nesting it throws for each failure, as seen against real
    /// sockets), mapped to one typed failure each.
    /// </summary>
    public class TransportFailureTests
    {
        private const string Path = "/subscriptions/aaaaaaaa-0000-4000-8000-000000000001/providers/Microsoft.Security/secureScores/ascScore?api-version=2020-01-01";
        private const int MaxRetries = 2;

        private readonly FakeTimeProvider _clock = ManualClock.Create();

        [Fact]
        public async Task A_refused_connection_is_ConnectionFailed_and_names_the_host()
        {
            var transport = new FailingTransport(_ => new RequestFailedException("Connection refused (arm.example.test:443)",
                new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (arm.example.test:443)", new SocketException((int)SocketError.ConnectionRefused))));

            ScopeFailure failure = await FailureOfAsync(transport);

            Assert.Equal(ScopeFailureKind.ConnectionFailed, failure.Kind);
            Assert.Contains("arm.example.test could not be reached", failure.Message, StringComparison.Ordinal);
            Assert.Contains("Connection refused", failure.Message, StringComparison.Ordinal);
            Assert.Contains("arm.example.test", failure.RecommendedAction, StringComparison.Ordinal);
            Assert.Equal(MaxRetries + 1, transport.Tries);
        }

        [Fact]
        public async Task A_name_that_does_not_resolve_is_ConnectionFailed()
        {
            var transport = new FailingTransport(_ => new RequestFailedException("Name or service not known (arm.example.test:443)",
                new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (arm.example.test:443)", new SocketException((int)SocketError.HostNotFound))));

            ScopeFailure failure = await FailureOfAsync(transport);

            Assert.Equal(ScopeFailureKind.ConnectionFailed, failure.Kind);
            Assert.Contains("Name or service not known", failure.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_untrusted_certificate_is_TlsTrust_and_tried_exactly_once()
        {
            var transport = new FailingTransport(_ => new RequestFailedException("The SSL connection could not be established, see inner exception.",
                new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.",
                    new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"))));

            ScopeFailure failure = await FailureOfAsync(transport);

            Assert.Equal(ScopeFailureKind.TlsTrust, failure.Kind);
            Assert.Equal(1, transport.Tries);
            Assert.Contains("The certificate of arm.example.test is not trusted", failure.Message, StringComparison.Ordinal);
            Assert.Contains("UntrustedRoot", failure.Message, StringComparison.Ordinal);
            Assert.Contains("SSL_CERT_FILE", failure.RecommendedAction, StringComparison.Ordinal);
            Assert.Contains("SSL_CERT_DIR", failure.RecommendedAction, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_connection_reset_before_the_headers_is_Transient_past_every_retry()
        {
            var transport = new FailingTransport(_ => new RequestFailedException("An error occurred while sending the request.",
                new HttpRequestException(HttpRequestError.ResponseEnded, "An error occurred while sending the request.",
                    new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely. (ResponseEnded)"))));

            ScopeFailure failure = await FailureOfAsync(transport);

            Assert.Equal(ScopeFailureKind.Transient, failure.Kind);
            Assert.Equal(MaxRetries + 1, transport.Tries);
            Assert.Contains("broke off", failure.Message, StringComparison.Ordinal);
            Assert.Contains("The response ended prematurely", failure.Message, StringComparison.Ordinal);
            Assert.Contains($"{MaxRetries + 1} tries", failure.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_body_cut_short_is_Transient_past_every_retry()
        {
            var transport = new FailingTransport(message =>
            {
                message.Response = new FakeResponse(200, new BreakingStream("{\"value\":["));
                return null;
            });

            ScopeFailure failure = await FailureOfAsync(transport);

            Assert.Equal(ScopeFailureKind.Transient, failure.Kind);
            Assert.Equal(MaxRetries + 1, transport.Tries);
        }

        [Fact]
        public async Task A_connection_that_broke_off_is_retried_at_once_without_a_back_off()
        {
            var transport = new FailingTransport(message =>
            {
                message.Response = new FakeResponse(200, new BreakingStream("{\"value\":["));
                return null;
            });
            ConnectionOptions options = TestSupport.Options(MaxRetries, _clock, hedgeReads: false);
            options.RetryDelay = TimeSpan.FromSeconds(10);
            ArmGateway gateway = TestSupport.Gateway(new ServiceTransport(options, transport));

            Task<System.Text.Json.JsonDocument> read = gateway.GetAsync(Path, null, CancellationToken.None);
            await ManualClock.WaitUntilAsync(() => read.IsCompleted); // the manual clock never moves

            await Assert.ThrowsAsync<ServiceTransportException>(() => read);
            Assert.Equal(MaxRetries + 1, transport.Tries);
        }

        [Fact]
        public async Task A_try_past_Azure_Cores_network_timeout_is_Timeout_and_says_the_per_try_limit()
        {
            // Azure.Core's network timeout runs on the wall clock: a short one, with nothing asserted on how long it took.
            var transport = new FailingTransport(message =>
            {
                message.Response = new FakeResponse(200, new StallingStream());
                return null;
            });
            var options = TestSupport.Options(maxRetries: 1, time: TimeProvider.System, hedgeReads: false);
            options.NetworkTimeout = TimeSpan.FromMilliseconds(50);

            ScopeFailure failure = await FailureOfAsync(transport, options);

            Assert.Equal(ScopeFailureKind.Timeout, failure.Kind);
            Assert.Equal(2, transport.Tries);
            Assert.Equal("arm.example.test did not answer within 0.05 s on any of 2 tries.", failure.Message);
            Assert.Equal("The service did not answer within 0.05 s per try; raise -NetworkTimeout (Connect-CtAccount) or retry the command.", failure.RecommendedAction);
        }

        [Fact]
        public async Task The_callers_cancellation_stays_a_cancellation()
        {
            using var cancel = new CancellationTokenSource();
            var transport = new FailingTransport(message =>
            {
                cancel.Cancel();
                message.CancellationToken.ThrowIfCancellationRequested();
                return null;
            });
            ArmGateway gateway = TestSupport.Gateway(new ServiceTransport(TestSupport.Options(MaxRetries, _clock), transport));

            Exception thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.GetAsync(Path, null, cancel.Token));

            Assert.Equal(ScopeFailureKind.Cancelled, FailureMapper.ToFailure("s", thrown).Kind);
            Assert.Equal(1, transport.Tries);
        }

        [Fact]
        public void Raw_transport_exceptions_that_skipped_the_retries_read_the_same_way()
        {
            var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (x:1)", new SocketException((int)SocketError.ConnectionRefused));
            var untrusted = new HttpRequestException(HttpRequestError.SecureConnectionError, "no", new AuthenticationException("UntrustedRoot"));

            Assert.Equal(ScopeFailureKind.ConnectionFailed, FailureMapper.ToFailure("s", refused).Kind);
            Assert.Equal(ScopeFailureKind.TlsTrust, FailureMapper.ToFailure("s", untrusted).Kind);
            Assert.Equal(ScopeFailureKind.Transient, FailureMapper.ToFailure("s", new IOException("reset")).Kind);
            Assert.Equal(ScopeFailureKind.Timeout, FailureMapper.ToFailure("s", new TimeoutException()).Kind);
        }

        private async Task<ScopeFailure> FailureOfAsync(FailingTransport transport, ConnectionOptions? options = null)
        {
            options ??= TestSupport.Options(MaxRetries, _clock, hedgeReads: false);
            ArmGateway gateway = TestSupport.Gateway(new ServiceTransport(options, transport));
            Task<System.Text.Json.JsonDocument> read = gateway.GetAsync(Path, null, CancellationToken.None);
            if (options.Time == _clock) await _clock.AdvanceUntilAsync(() => read.IsCompleted, TimeSpan.FromMilliseconds(1));
            Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => read);
            return FailureMapper.ToFailure("subscription", thrown);
        }

        /// <summary>Fails every try: throws what <c>fail</c> returns, or leaves the response it set (whose body then fails).</summary>
        private sealed class FailingTransport : HttpPipelineTransport
        {
            private readonly Func<HttpMessage, Exception?> _fail;
            private int _tries;

            public FailingTransport(Func<HttpMessage, Exception?> fail) => _fail = fail;

            public int Tries => Volatile.Read(ref _tries);

            public override Request CreateRequest() => new FakeRequest();

            public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

            public override ValueTask ProcessAsync(HttpMessage message)
            {
                Interlocked.Increment(ref _tries);
                if (_fail(message) is Exception failure) throw failure;
                return default;
            }
        }

        /// <summary>A body whose connection closes after its first bytes, as HttpClient reports it.</summary>
        private sealed class BreakingStream : Stream
        {
            private readonly byte[] _first;
            private bool _sent;

            public BreakingStream(string first) => _first = Encoding.UTF8.GetBytes(first);

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => 0; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_sent) throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely, with at least 90 additional bytes expected. (ResponseEnded)");
                _sent = true;
                Array.Copy(_first, 0, buffer, offset, _first.Length);
                return _first.Length;
            }
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
