using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Arm;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Diagnostics;
using CrossTenantSecurity.Emulator.Identity;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrossTenantSecurity.Emulator
{
    /// <summary>A running emulator on loopback HTTPS. Start it in-process for tests, or through Program for a standalone sandbox.</summary>
    public sealed class EmulatorHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly EmulatorRuntime _runtime;
        private readonly EmulatorCertificateAuthority? _ownedAuthority;

        private EmulatorHost(WebApplication app, EmulatorRuntime runtime, string certificatePath, EmulatorCertificateAuthority? ownedAuthority)
        {
            _app = app;
            _runtime = runtime;
            CertificatePath = certificatePath;
            _ownedAuthority = ownedAuthority;
        }

        /// <summary>Base URL for both ARM and the Entra authority, e.g. https://127.0.0.1:5443/.</summary>
        public Uri BaseUrl => _runtime.BaseUrl;

        /// <summary>PEM file of the certificate authority to trust (SSL_CERT_FILE on Linux).</summary>
        public string CertificatePath { get; }

        public Scenario Scenario => _runtime.Estate.Scenario;

        public RequestLog Requests => _runtime.Requests;

        /// <summary>
        /// Malformed 200 answers on chosen reads, changeable while running (tests sharing this emulator add a rule,
        /// run a cmdlet, remove it): <c>using (host.BodyFaults.Use(new BodyFaultRule(BodyFaultKind.NullValue, subscriptionId, PostureEndpoint.Assessments))) { … }</c>.
        /// </summary>
        public BodyFaultRules BodyFaults => _runtime.Options.Behaviour.BodyFaults;

        /// <summary>For in-process tests: e.g. to plug a Resource Graph data source into a running emulator.</summary>
        internal EmulatorRuntime Runtime => _runtime;

        /// <summary>Issues a token as the emulator's Entra would, e.g. to test -AccessToken sign-in.</summary>
        public string IssueToken(Guid tenantId, Guid objectId, Guid? appId = null, string? audience = null, TimeSpan? lifetime = null, IReadOnlyCollection<string>? roles = null) =>
            _runtime.Tokens.Issue(tenantId, objectId, appId, audience ?? BaseUrl.AbsoluteUri, lifetime ?? _runtime.Options.TokenLifetime, roles);

        public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new EmulatorOptions();
            Scenario scenario = options.Scenario ?? ScenarioLoader.LoadSample();
            var runtime = new EmulatorRuntime(options, new EstateIndex(ScenarioLoader.Validate(scenario)));

            EmulatorCertificateAuthority? owned = null;
            EmulatorCertificateAuthority authority = options.CertificateAuthority ?? (owned = options.AuthorityDirectory is { } kept
                ? EmulatorCertificateAuthority.OpenOrCreate(kept)
                : EmulatorCertificateAuthority.Create(options.CertificateDirectory ?? Path.Combine(Path.GetTempPath(), "ctemulator-" + Guid.NewGuid().ToString("N").Substring(0, 8))));
            var serverCertificate = authority.IssueServerCertificate();

            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(serverCertificate)));
            builder.Services.AddSingleton(runtime);

            WebApplication app = builder.Build();
            app.Use(async (context, next) => await TrackAsync(context, next, runtime));
            app.UseMiddleware<ArmAuthenticationMiddleware>();
            app.UseMiddleware<BehaviourMiddleware>();
            TokenEndpoints.Map(app, runtime);
            ResourcesEndpoints.Map(app, runtime);
            ProviderRouter.Map(app, runtime, Posture.SecurityOperations.All().Concat(ManagedServicesOperations.All()).ToList());
            ResourceGraph.ResourceGraphEndpoint.Map(app, runtime);
            LogAnalytics.IngestionEndpoint.Map(app, runtime);
            LogAnalytics.WorkspaceQueryEndpoint.Map(app, runtime);
            app.MapFallback((HttpContext context) => ArmAuthenticationMiddleware.IsArmPath(context.Request.Path)
                ? ArmErrors.Create(404, "InvalidResourceType", $"The resource type could not be found for path '{context.Request.Path}'.")
                : Results.NotFound());

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            runtime.SetBaseUrl(new Uri(new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).GetLeftPart(UriPartial.Authority) + "/"));
            return new EmulatorHost(app, runtime, authority.CertificatePath, owned);
        }

        /// <summary>Adds Azure's diagnostic headers to every response and records the request.</summary>
        private static async Task TrackAsync(HttpContext context, Func<Task> next, EmulatorRuntime runtime)
        {
            var watch = Stopwatch.StartNew();
            runtime.Requests.Started();
            string requestId = Guid.NewGuid().ToString();
            string correlation = context.Request.Headers["x-ms-correlation-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["x-ms-request-id"] = requestId;
                context.Response.Headers["x-ms-correlation-request-id"] = correlation;
                context.Response.Headers["x-ms-routing-request-id"] = $"LOCAL:{DateTime.UtcNow:yyyyMMddTHHmmssZ}:{requestId}";
                return Task.CompletedTask;
            });
            try
            {
                await next().ConfigureAwait(false);
            }
            finally
            {
                string? caller = context.Items.Values.OfType<ArmCaller>().FirstOrDefault()?.Principal.ObjectId.ToString();
                var entry = new RequestLogEntry(DateTimeOffset.UtcNow, context.Request.Method, context.Request.Path.Value ?? "/",
                    context.Request.QueryString.Value ?? string.Empty, context.Response.StatusCode, caller, watch.Elapsed.TotalMilliseconds,
                    BehaviourItems.Outcome(context), BehaviourItems.InjectedLatency(context).TotalMilliseconds);
                runtime.Requests.Finished(entry);
                if (runtime.Options.LogRequests) Console.WriteLine($"{entry.Method} {entry.Path} -> {entry.Status} ({entry.DurationMs:F0} ms){(entry.Outcome is null ? "" : " " + entry.Outcome)}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _ownedAuthority?.Dispose();
        }
    }
}
