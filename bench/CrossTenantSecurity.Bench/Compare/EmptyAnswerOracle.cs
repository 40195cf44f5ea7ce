using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// Answers "is this list really empty for this subscription?" from a separate, calm emulator over the same estate
    /// (no latency, faults or throttling): a command that found nothing emits neither object nor error, and only the
    /// estate can say whether that silence is right.
    /// </summary>
    internal sealed class EmptyAnswerOracle : IAsyncDisposable
    {
        private readonly EmulatorHost _host;
        private readonly HttpClient _http;

        private EmptyAnswerOracle(EmulatorHost host)
        {
            _host = host;
            _http = new HttpClient { BaseAddress = host.BaseUrl };
            string token = host.IssueToken(EstateGenerator.ManagingTenantId, EstateGenerator.AutomationObjectId, EstateGenerator.AutomationAppId, lifetime: TimeSpan.FromHours(2));
            _http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        public static async Task<EmptyAnswerOracle> StartAsync(Scenario scenario) =>
            new(await EmulatorHost.StartAsync(new EmulatorOptions
            {
                Scenario = scenario,
                CertificateAuthority = PlatformTrust.ProcessAuthority,
                Behaviour = new BehaviourOptions { ArmThrottling = false, FaultProfile = FaultProfile.Calm, Latency = false },
            }).ConfigureAwait(false));

        /// <summary>True when every page of the command's list succeeds and holds no item.</summary>
        public async Task<bool> IsEmptyAsync(string subscriptionId, AuditCommand command, CancellationToken cancellationToken)
        {
            if (!command.IsList) return false;
            Uri? next = new Uri(_host.BaseUrl, command.PathFor(subscriptionId));
            while (next is not null)
            {
                using HttpResponseMessage response = await _http.GetAsync(next, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) return false;
                using JsonDocument page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                if (page.RootElement.TryGetProperty("value", out JsonElement value) && value.GetArrayLength() > 0) return false;
                next = page.RootElement.TryGetProperty("nextLink", out JsonElement link) && link.GetString() is { Length: > 0 } text ? new Uri(text) : null;
            }
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
