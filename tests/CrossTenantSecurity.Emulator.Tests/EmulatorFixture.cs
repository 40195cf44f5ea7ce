using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>One emulator (sample estate unless a subclass says otherwise) for the test class, reached over real, validated HTTPS.</summary>
    public class EmulatorFixture : IAsyncLifetime
    {
        public const string Msp = "11111111-1111-4111-8111-111111111111";
        public const string Northwind = "22222222-2222-4222-8222-222222222222";
        public const string Tailspin = "33333333-3333-4333-8333-333333333333";
        public const string Woodgrove = "44444444-4444-4444-8444-444444444444";
        public const string Litware = "55555555-5555-4555-8555-555555555555";
        /// <summary>Microsoft 365-only customers: no Azure; the automation app is consented in Fabrikam, not in Adventure Works.</summary>
        public const string Fabrikam = "66666666-6666-4666-8666-666666666666";
        public const string AdventureWorks = "77777777-7777-4777-8777-777777777777";

        public static readonly (string Tenant, string AppId, string Secret) Automation = (Msp, "c0000000-0000-4000-8000-0000000000c1", "sample-only-automation-secret");
        public static readonly (string Tenant, string AppId, string Secret) Reporting = (Msp, "c0000000-0000-4000-8000-0000000000c2", "sample-only-reporting-secret");
        public static readonly (string Tenant, string AppId, string Secret) LitwareOperator = (Litware, "c0000000-0000-4000-8000-0000000000c5", "sample-only-litware-secret");
        public static readonly (string Tenant, string AppId, string Secret) TailspinAdmin = (Tailspin, "c0000000-0000-4000-8000-0000000000c3", "sample-only-tailspin-secret");

        public EmulatorHost Host { get; private set; } = null!;
        public HttpClient Http { get; } = new HttpClient();

        public async Task InitializeAsync()
        {
            Host = await EmulatorHost.StartAsync(Options());
            Http.BaseAddress = Host.BaseUrl;
        }

        protected virtual EmulatorOptions Options() => new() { CertificateAuthority = PlatformTrust.ProcessAuthority };

        public async Task DisposeAsync()
        {
            Http.Dispose();
            await Host.DisposeAsync();
        }

        public async Task<HttpResponseMessage> TokenResponseAsync(string tenant, string appId, string secret, string? scope = null) =>
            await Http.PostAsync($"{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = appId,
                ["client_secret"] = secret,
                ["scope"] = scope ?? Host.BaseUrl.AbsoluteUri + ".default",
            }));

        public async Task<string> TokenAsync((string Tenant, string AppId, string Secret) principal)
        {
            using HttpResponseMessage response = await TokenResponseAsync(principal.Tenant, principal.AppId, principal.Secret);
            response.EnsureSuccessStatusCode();
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        }

        public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(string pathAndQuery, string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response = await Http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
        }

        /// <summary>All items of a list, following nextLink.</summary>
        public async Task<List<JsonNode>> ListAllAsync(string pathAndQuery, string token)
        {
            var items = new List<JsonNode>();
            string? next = pathAndQuery;
            while (next is not null)
            {
                var (status, body, _) = await GetAsync(next, token);
                Assert.Equal(200, status);
                foreach (JsonNode? item in body!["value"]!.AsArray()) items.Add(item!);
                next = body["nextLink"]?.GetValue<string>();
            }
            return items;
        }

        public static JsonNode Example(string relativePath) =>
            JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "arm-examples", relativePath)))!["responses"]!["200"]!["body"]!;
    }

    /// <summary>Same property names and JSON kinds as the official example, recursively (extra properties allowed).</summary>
    internal static class Shape
    {
        /// <summary>Properties that are string maps: their keys are data, not schema.</summary>
        private static readonly string[] Maps = { "tags", "additionalData", "extendedProperties" };

        public static void AssertMatches(JsonNode expected, JsonNode? actual, string path = "$")
        {
            Assert.True(actual is not null, $"{path} is missing");
            if (Array.Exists(Maps, m => path.EndsWith("." + m, StringComparison.Ordinal)))
            {
                Assert.IsType<JsonObject>(actual);
                return;
            }
            switch (expected)
            {
                case JsonObject eo:
                    JsonObject ao = Assert.IsType<JsonObject>(actual);
                    foreach (var (name, value) in eo)
                    {
                        Assert.True(ao.ContainsKey(name), $"{path}.{name} is missing from the emulator's response");
                        if (value is not null) AssertMatches(value, ao[name], $"{path}.{name}");
                    }
                    break;
                case JsonArray ea:
                    JsonArray aa = Assert.IsType<JsonArray>(actual);
                    if (ea.Count > 0 && aa.Count > 0 && ea[0] is { } first) AssertMatches(first, aa[0], $"{path}[0]");
                    break;
                default:
                    Assert.Equal(expected.GetValueKind() == JsonValueKind.False ? JsonValueKind.True : expected.GetValueKind(),
                        actual!.GetValueKind() == JsonValueKind.False ? JsonValueKind.True : actual.GetValueKind());
                    break;
            }
        }
    }
}
