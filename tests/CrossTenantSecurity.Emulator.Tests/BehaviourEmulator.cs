using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Certificates;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>An emulator with chosen behaviour options and a signed-in client (the sample's MSSP automation principal).</summary>
    internal sealed class BehaviourEmulator : IAsyncDisposable
    {
        private BehaviourEmulator(EmulatorHost host, HttpClient http)
        {
            Host = host;
            Http = http;
        }

        public EmulatorHost Host { get; }
        public HttpClient Http { get; }
        public string Token { get; private set; } = "";

        public static async Task<BehaviourEmulator> StartAsync(Action<BehaviourOptions> configure, TimeSpan? clientTimeout = null)
        {
            var options = new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority };
            configure(options.Behaviour);
            EmulatorHost host = await EmulatorHost.StartAsync(options);
            var emulator = new BehaviourEmulator(host, new HttpClient { BaseAddress = host.BaseUrl, Timeout = clientTimeout ?? TimeSpan.FromSeconds(30) });
            var (tenant, appId, secret) = EmulatorFixture.Automation;
            using HttpResponseMessage response = await emulator.Http.PostAsync($"{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = appId, ["client_secret"] = secret, ["scope"] = host.BaseUrl.AbsoluteUri + ".default",
            }));
            response.EnsureSuccessStatusCode();
            emulator.Token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
            return emulator;
        }

        public HttpRequestMessage Request(HttpMethod method, string pathAndQuery)
        {
            var request = new HttpRequestMessage(method, pathAndQuery);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            return request;
        }

        public async Task<HttpResponseMessage> GetAsync(string pathAndQuery)
        {
            using HttpRequestMessage request = Request(HttpMethod.Get, pathAndQuery);
            return await Http.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Host.DisposeAsync();
        }
    }
}
