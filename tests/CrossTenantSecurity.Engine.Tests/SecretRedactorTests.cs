using System;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Tests
{
    public class SecretRedactorTests
    {
        private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiIxMTExIn0.c2lnbmF0dXJl";

        [Fact]
        public void A_jwt_anywhere_in_a_text_is_redacted()
        {
            string text = SecretRedactor.Text($"Bearer {Jwt}, again:{Jwt}.");
            Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
            Assert.Equal("Bearer [redacted], again:[redacted].", text);
        }

        [Fact]
        public void Secret_query_values_are_redacted_and_the_rest_of_the_url_is_kept()
        {
            var url = new Uri("https://login.example/t/oauth2/token?client_id=abc&client_secret=s3cret&api-version=2022-12-01&sig=xyz&$skiptoken=page2");
            string shown = SecretRedactor.Url(url);
            Assert.Equal("https://login.example/t/oauth2/token?client_id=abc&client_secret=[redacted]&api-version=2022-12-01&sig=[redacted]&$skiptoken=page2", shown);
        }

        [Fact]
        public void A_url_without_a_query_is_shown_as_is()
        {
            Assert.Equal("https://management.example/subscriptions/1", SecretRedactor.Url(new Uri("https://management.example/subscriptions/1")));
        }
    }
}
