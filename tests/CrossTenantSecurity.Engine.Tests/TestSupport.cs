using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using CrossTenantSecurity.Engine.Transport;
using CrossTenantSecurity.Engine.Session;

namespace CrossTenantSecurity.Engine.Tests
{
    internal static class TestSupport
    {
        public static readonly Guid Msp = Guid.Parse("8f70baf1-1f6e-46a2-a1ff-238dac1ebfb7");
        public static readonly Uri Endpoint = new("https://arm.example.test/");

        /// <summary>The response body of an official example in tests/data/arm-examples (see tests/data/SOURCES.md).</summary>
        public static JsonNode Example(string relativePath)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "arm-examples", relativePath);
            if (!File.Exists(path)) throw new FileNotFoundException("Official example payload missing (tests/data/arm-examples)", path);
            return JsonNode.Parse(File.ReadAllText(path))!["responses"]!["200"]!["body"]!;
        }

        /// <summary>A JWT-shaped token with the given claims (unsigned; the client never validates tokens).</summary>
        public static string Jwt(Guid tenantId, string? appId = "11111111-2222-3333-4444-555555555555", DateTimeOffset? expires = null)
        {
            var payload = new JsonObject { ["tid"] = tenantId.ToString(), ["oid"] = Guid.NewGuid().ToString(), ["exp"] = (expires ?? DateTimeOffset.UtcNow.AddHours(1)).ToUnixTimeSeconds() };
            if (appId is not null) { payload["appid"] = appId; payload["idtyp"] = "app"; }
            static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return $"{B64("{\"alg\":\"none\"}")}.{B64(payload.ToJsonString())}.sig";
        }

        /// <param name="hedgeReads">Off where a test counts requests: a read stalled past 200 ms by a busy machine would be sent twice.</param>
        public static CrossTenantClient Client(FakeArm arm, Guid? signedInTenant = null, int maxRetries = 2, TimeProvider? time = null, bool hedgeReads = true)
        {
            Guid tenant = signedInTenant ?? Msp;
            var context = new Context("test", "ServicePrincipal", tenant, "Fake", AuthenticationMethod.AccessToken, null, null);
            var tokens = new TokenBroker(new ConnectionOptions { Method = AuthenticationMethod.AccessToken, AccessToken = Jwt(tenant), TenantId = tenant, Environment = Environment });
            return new CrossTenantClient(context, Gateway(arm, tenant, maxRetries, time, hedgeReads), tokens);
        }

        /// <summary>The fake cloud: ARM at <see cref="Endpoint"/>, Graph, Defender for Endpoint and Log Analytics on hosts of their own.</summary>
        public static CloudEnvironment Environment { get; } = new("Fake", Endpoint, new Uri("https://login.example.test/"), Endpoint.AbsoluteUri,
            new Uri("https://graph.example.test/"), EnvironmentSource.Process, logAnalyticsUrl: new Uri("https://logs.example.test/"),
            defenderEndpointUrl: new Uri("https://mde.example.test/"));

        /// <summary>Options for a session over the fake transport: quick retries, the given clock.</summary>
        public static ConnectionOptions Options(int maxRetries = 2, TimeProvider? time = null, bool hedgeReads = true) => new()
        {
            Environment = Environment, MaxRetries = maxRetries, RetryDelay = TimeSpan.FromMilliseconds(1), NetworkTimeout = TimeSpan.FromSeconds(60),
            HedgeReads = hedgeReads, Time = time,
        };

        /// <summary>The real ARM pipeline (retries, throttle governor, bearer token) over the fake transport.</summary>
        public static ArmGateway Gateway(FakeArm arm, Guid? signedInTenant = null, int maxRetries = 2, TimeProvider? time = null, bool hedgeReads = true) =>
            Gateway(new ServiceTransport(Options(maxRetries, time, hedgeReads), arm), signedInTenant);

        /// <summary>The real ARM pipeline over a session transport built by the test (to reach its governor, or share it with other gateways).</summary>
        public static ArmGateway Gateway(ServiceTransport transport, Guid? signedInTenant = null) =>
            new(transport, new StaticTokenCredential(Jwt(signedInTenant ?? Msp), DateTimeOffset.UtcNow.AddHours(1)), transport.Environment);

        /// <summary>Wraps an example body as an ARM page, replacing its placeholder nextLink.</summary>
        public static string Page(JsonNode body, string? nextLink)
        {
            JsonNode copy = JsonNode.Parse(body.ToJsonString())!;
            copy["nextLink"] = nextLink;
            return copy.ToJsonString();
        }
    }

    /// <summary>Collects what the engine reports.</summary>
    internal sealed class RecordingSink<T> : IScopeSink<T>
    {
        private readonly object _gate = new();
        public System.Collections.Generic.List<T> Results { get; } = new();
        public System.Collections.Generic.List<ScopeFailure> Failures { get; } = new();
        public System.Collections.Generic.List<string> Verbose { get; } = new();
        public System.Collections.Generic.List<string> Warnings { get; } = new();

        public void OnResult(T item) { lock (_gate) Results.Add(item); }
        public void OnFailure(ScopeFailure failure) { lock (_gate) Failures.Add(failure); }
        public void OnVerbose(string message) { lock (_gate) Verbose.Add(message); }
        public void OnWarning(string message) { lock (_gate) Warnings.Add(message); }
        public void OnProgress(int done, int total) { }
    }
}
