using System;
using CrossTenantSecurity.Emulator.Behaviour;
using CrossTenantSecurity.Emulator.Certificates;
using CrossTenantSecurity.Emulator.Identity;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator
{
    public sealed class EmulatorOptions
    {
        /// <summary>The estate to serve; defaults to the bundled sample.</summary>
        public Scenario? Scenario { get; set; }
        /// <summary>Loopback port; 0 picks a free one.</summary>
        public int Port { get; set; }
        /// <summary>Where a throw-away certificate authority's PEM file is written (default: a temp folder); removed at stop.</summary>
        public string? CertificateDirectory { get; set; }
        /// <summary>A folder whose certificate authority is reused (made there when absent) and kept at stop.</summary>
        public string? AuthorityDirectory { get; set; }
        /// <summary>Reuse one authority across emulators (a process trusts one CA file for its life).</summary>
        public EmulatorCertificateAuthority? CertificateAuthority { get; set; }
        public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
        /// <summary>Graph, Log Analytics and Defender for Endpoint resource identifiers the token endpoint accepts (ARM's follow the URL).</summary>
        public TokenAudiences Audiences { get; set; } = new();
        /// <summary>Write each request to the console (standalone mode).</summary>
        public bool LogRequests { get; set; }
        /// <summary>Resource Graph pages of queries without "order by" overlap or skip a few rows, as ARG's do; off gives exact paging.</summary>
        public bool ResourceGraphUnstableOrder { get; set; } = true;
        /// <summary>Latency, throttling and faults (default: throttling at Azure's numbers, no latency, no faults).</summary>
        public BehaviourOptions Behaviour { get; set; } = new();
        /// <summary>Data collection rules of the Logs Ingestion endpoint and the workspaces the query API serves.</summary>
        public LogAnalytics.LogAnalyticsOptions LogAnalytics { get; set; } = new();
    }
}
