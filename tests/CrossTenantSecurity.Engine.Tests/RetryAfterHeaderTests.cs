using System;
using System.Collections.Generic;
using CrossTenantSecurity.Engine.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The one Retry-After parser, every form it meets; an HTTP date is measured on the manual clock.</summary>
    public class RetryAfterHeaderTests
    {
        private readonly FakeTimeProvider _clock = ManualClock.Create();

        [Theory]
        [InlineData("Retry-After", "10", 10_000)]
        [InlineData("Retry-After", " 2 ", 2_000)]
        [InlineData("Retry-After", "0", 0)]
        [InlineData("Retry-After", "0.25", 250)]
        [InlineData("Retry-After", "1.5", 1_500)]
        [InlineData("retry-after-ms", "1500", 1_500)]
        [InlineData("x-ms-retry-after-ms", "250.5", 250.5)]
        public void Seconds_and_milliseconds_read_as_waits(string header, string value, double milliseconds) =>
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Read((header, value)));

        [Fact]
        public void Millisecond_headers_come_before_Retry_After_as_Azure_Core_reads_them()
        {
            Assert.Equal(TimeSpan.FromMilliseconds(1500), Read(("Retry-After", "2"), ("x-ms-retry-after-ms", "1500")));
            Assert.Equal(TimeSpan.FromMilliseconds(300), Read(("x-ms-retry-after-ms", "1500"), ("retry-after-ms", "300")));
            Assert.Equal(TimeSpan.FromSeconds(2), Read(("Retry-After", "2"), ("x-ms-retry-after-ms", "soon"))); // garbage there: Retry-After still counts
        }

        [Fact]
        public void An_HTTP_date_is_the_time_left_on_the_sessions_clock()
        {
            string inNinetySeconds = _clock.GetUtcNow().AddSeconds(90).ToString("r");
            Assert.Equal(TimeSpan.FromSeconds(90), Read(("Retry-After", inNinetySeconds)));

            _clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(TimeSpan.FromSeconds(30), Read(("Retry-After", inNinetySeconds)));

            _clock.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(TimeSpan.Zero, Read(("Retry-After", inNinetySeconds))); // already past: go now, never a negative wait
        }

        [Theory]
        [InlineData("soon")]
        [InlineData("-5")]
        [InlineData("NaN")]
        [InlineData("1e12")]
        [InlineData("")]
        public void Garbage_and_negative_values_are_no_wait_at_all(string value)
        {
            Assert.Null(Read(("Retry-After", value)));
            Assert.Null(Read(("x-ms-retry-after-ms", value)));
        }

        [Fact]
        public void No_header_is_no_wait() => Assert.Null(Read());

        private TimeSpan? Read(params (string Name, string Value)[] headers)
        {
            var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in headers) all[name] = value;
            return RetryAfterHeader.Read(name => all.TryGetValue(name, out string? value) ? value : null, _clock);
        }
    }
}
