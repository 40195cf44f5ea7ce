using System;
using System.Linq;
using CrossTenantSecurity.Emulator.Diagnostics;
using CrossTenantSecurity.Emulator.Identity;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator
{
    /// <summary>What every endpoint shares: the estate, the token issuer, the request log and the base URL.</summary>
    internal sealed class EmulatorRuntime
    {
        private string[] _audiences = Array.Empty<string>();

        public EmulatorRuntime(EmulatorOptions options, EstateIndex estate)
        {
            Options = options;
            Estate = estate;
            Authorizer = new Authorization.ArmAuthorizer(estate);
            Posture = new Posture.PostureStore(estate);
            Graph = new ResourceGraph.EstateGraphData(this);
            Consents = new ConsentRegistry(estate.Scenario);
        }

        public Authorization.ArmAuthorizer Authorizer { get; }
        /// <summary>Rows sent to the Logs Ingestion endpoint, per workspace, for the query API.</summary>
        public LogAnalytics.WorkspaceStore Workspaces { get; } = new(() => DateTimeOffset.UtcNow);
        public Posture.PostureStore Posture { get; }

        public EmulatorOptions Options { get; }
        public EstateIndex Estate { get; }
        public TokenIssuer Tokens { get; } = new TokenIssuer();
        /// <summary>Where the estate's multi-tenant apps may get tokens outside their home tenant.</summary>
        public ConsentRegistry Consents { get; }
        public RequestLog Requests { get; } = new RequestLog();

        /// <summary>Rows for Resource Graph queries; null until an estate provides them.</summary>
        public ResourceGraph.IResourceGraphData? Graph { get; set; }
        public Uri BaseUrl { get; private set; } = new Uri("https://127.0.0.1/");

        /// <summary>Tokens for the emulator's own URL or for public Azure's ARM audiences are accepted.</summary>
        public void SetBaseUrl(Uri baseUrl)
        {
            BaseUrl = baseUrl;
            _audiences = new[] { baseUrl.AbsoluteUri, "https://management.azure.com/", "https://management.core.windows.net/" };
        }

        public bool IsArmAudience(string audience) => _audiences.Any(a => TokenAudiences.Same(a, audience));

        /// <summary>The resource a requested audience names; ARM's audiences win over the configured others.</summary>
        public TokenResource? FindResource(string audience) =>
            IsArmAudience(audience) ? TokenResource.ResourceManager : Options.Audiences.Find(audience);

        public string AllowedAudiencesText => string.Join(", ", _audiences.Select(a => "'" + a + "'"));
    }
}
