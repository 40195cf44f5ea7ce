using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.Posture
{
    /// <summary>Kinds of resources the estate holds, with the ARM type and name prefix used for ids.</summary>
    internal enum ResourceKind { Subscription, VirtualMachine, StorageAccount, KeyVault, SqlServer, WebApp, VirtualNetwork }

    internal sealed record ControlDefinition(Guid Name, string DisplayName, int MaxScore, string Description);

    internal sealed record AssessmentDefinition(
        Guid Key, string DisplayName, string Severity, string Category, ResourceKind AppliesTo, ControlDefinition Control,
        string Description, string RemediationDescription, string UserImpact, string ImplementationEffort, string[] Threats, bool Preview);

    internal sealed record AlertDefinition(string AlertType, string DisplayName, string Severity, string Intent, ResourceKind On, string[] Techniques, string Description);

    internal sealed record PlanDefinition(string Name, string? DefaultSubPlan, bool Deprecated, string[] ReplacedBy, string[] Extensions);

    /// <summary>
    /// The built-in catalogue every tenant shares: secure score controls, recommendation (assessment)
    /// metadata, alert types and Defender plans. Names and texts follow Defender for Cloud's; the GUIDs are
    /// stable but synthetic.
    /// </summary>
    internal static class SecurityCatalog
    {
        public static readonly IReadOnlyList<ControlDefinition> Controls;
        public static readonly IReadOnlyList<AssessmentDefinition> Assessments;
        public static readonly IReadOnlyDictionary<Guid, AssessmentDefinition> AssessmentsByKey;

        static SecurityCatalog()
        {
            var controls = new List<ControlDefinition>();
            var assessments = new List<AssessmentDefinition>();
            ControlDefinition Control(string name, int max, string description)
            {
                var c = new ControlDefinition(StableId.Guid("control:" + name), name, max, description);
                controls.Add(c);
                return c;
            }
            void Add(ControlDefinition control, string name, string severity, string category, ResourceKind kind, string remediation,
                string impact = "Low", string effort = "Low", bool preview = false, params string[] threats)
            {
                assessments.Add(new AssessmentDefinition(StableId.Guid("assessment:" + name), name, severity, category, kind, control,
                    $"{name}. Resources that do not meet this recommendation are exposed to the threats listed.", remediation, impact, effort,
                    threats.Length == 0 ? new[] { "DataExfiltration" } : threats, preview));
            }

            var mfa = Control("Enable MFA", 10, "Multi-factor authentication protects accounts from credential theft.");
            Add(mfa, "MFA should be enabled on accounts with owner permissions on your subscription", "High", "IdentityAndAccess", ResourceKind.Subscription, "Enable MFA for every owner in Entra ID Conditional Access.", "Moderate", "Low", false, "AccountBreach");
            Add(mfa, "MFA should be enabled on accounts with write permissions on your subscription", "High", "IdentityAndAccess", ResourceKind.Subscription, "Enable MFA for every account with write permissions.", "Moderate", "Low", false, "AccountBreach");
            Add(mfa, "MFA should be enabled on accounts with read permissions on your subscription", "Medium", "IdentityAndAccess", ResourceKind.Subscription, "Enable MFA for every account with read permissions.", "Moderate", "Low", false, "AccountBreach");

            var ports = Control("Secure management ports", 8, "Brute-force attacks target management ports.");
            Add(ports, "Management ports should be closed on your virtual machines", "Medium", "Networking", ResourceKind.VirtualMachine, "Restrict the network security group rules for ports 22 and 3389.", "High", "Low", false, "ThreatResistance");
            Add(ports, "Management ports of virtual machines should be protected with just-in-time network access control", "High", "Networking", ResourceKind.VirtualMachine, "Enable just-in-time VM access.", "Low", "Low", false, "ThreatResistance");
            Add(ports, "Internet-facing virtual machines should be protected with network security groups", "High", "Networking", ResourceKind.VirtualMachine, "Associate a network security group with the NIC or subnet.", "Low", "Low", false, "ThreatResistance");

            var vulnerabilities = Control("Remediate vulnerabilities", 6, "Vulnerable software is the most common entry point.");
            Add(vulnerabilities, "Machines should have vulnerability findings resolved", "High", "Compute", ResourceKind.VirtualMachine, "Apply the fixes the vulnerability assessment lists.", "Moderate", "Moderate", false, "DataExfiltration", "MaliciousInsider");
            Add(vulnerabilities, "SQL databases should have vulnerability findings resolved", "High", "Data", ResourceKind.SqlServer, "Resolve the findings of SQL vulnerability assessment.", "Low", "Moderate");
            Add(vulnerabilities, "A vulnerability assessment solution should be enabled on your virtual machines", "Medium", "Compute", ResourceKind.VirtualMachine, "Enable agentless scanning or deploy Defender Vulnerability Management.", "Low", "Low");

            var updates = Control("Apply system updates", 6, "Missing updates leave known vulnerabilities open.");
            Add(updates, "System updates should be installed on your machines", "High", "Compute", ResourceKind.VirtualMachine, "Install the missing security and critical updates.", "Moderate", "Low");
            Add(updates, "Machines should be configured to periodically check for missing system updates", "Low", "Compute", ResourceKind.VirtualMachine, "Enable periodic assessment in Azure Update Manager.");

            var encryption = Control("Enable encryption at rest", 4, "Encryption at rest protects data if storage is compromised.");
            Add(encryption, "Virtual machines and virtual machine scale sets should have encryption at host enabled", "Medium", "Data", ResourceKind.VirtualMachine, "Enable encryption at host on the virtual machine.", "Low", "Moderate");
            Add(encryption, "Transparent Data Encryption on SQL databases should be enabled", "Low", "Data", ResourceKind.SqlServer, "Enable TDE on every database.");

            var transit = Control("Encrypt data in transit", 4, "Unencrypted traffic can be intercepted.");
            Add(transit, "Secure transfer to storage accounts should be enabled", "High", "Data", ResourceKind.StorageAccount, "Set 'Secure transfer required' on the storage account.");
            Add(transit, "App Service apps should only be accessible over HTTPS", "Medium", "AppServices", ResourceKind.WebApp, "Turn on 'HTTPS only' for the app.");
            Add(transit, "App Service apps should use the latest TLS version", "Low", "AppServices", ResourceKind.WebApp, "Set the minimum TLS version to 1.2 or later.");

            var access = Control("Manage access and permissions", 4, "Least privilege limits the blast radius of a breach.");
            Add(access, "A maximum of 3 owners should be designated for your subscription", "High", "IdentityAndAccess", ResourceKind.Subscription, "Remove unnecessary owner role assignments.");
            Add(access, "Guest accounts with owner permissions on Azure resources should be removed", "High", "IdentityAndAccess", ResourceKind.Subscription, "Remove guest accounts from owner roles.", "Low", "Low", false, "AccountBreach");
            Add(access, "Blocked accounts with owner permissions on Azure resources should be removed", "High", "IdentityAndAccess", ResourceKind.Subscription, "Remove blocked accounts from owner roles.");

            var configuration = Control("Remediate security configurations", 4, "Misconfigured operating systems are easier to attack.");
            Add(configuration, "Vulnerabilities in security configuration on your Windows machines should be remediated", "Low", "Compute", ResourceKind.VirtualMachine, "Apply the baseline rules the machine fails.", "Moderate", "Moderate");

            var network = Control("Restrict unauthorized network access", 4, "Open network access exposes data services.");
            Add(network, "Storage accounts should restrict network access using virtual network rules", "Low", "Networking", ResourceKind.StorageAccount, "Add virtual network rules and deny public network access.");
            Add(network, "Azure Key Vault should have firewall enabled", "Medium", "Networking", ResourceKind.KeyVault, "Enable the key vault firewall.");
            Add(network, "Public network access on Azure SQL Database should be disabled", "Medium", "Networking", ResourceKind.SqlServer, "Disable public network access on the server.");

            var endpoint = Control("Enable endpoint protection", 2, "Endpoint protection detects and stops malware.");
            Add(endpoint, "Endpoint protection should be installed on machines", "High", "Compute", ResourceKind.VirtualMachine, "Onboard the machine to Microsoft Defender for Endpoint.", "Low", "Low", false, "MaliciousInsider");

            var ddos = Control("Protect applications against DDoS attacks", 2, "DDoS protection keeps public workloads available.");
            Add(ddos, "Azure DDoS Protection Standard should be enabled", "Medium", "Networking", ResourceKind.VirtualNetwork, "Enable a DDoS protection plan on the virtual network.", "Low", "Moderate", false, "DenialOfService");

            var logging = Control("Enable auditing and logging", 1, "Logs are needed to investigate incidents.");
            Add(logging, "Diagnostic logs in Key Vault should be enabled", "Low", "KeyVault", ResourceKind.KeyVault, "Send Key Vault audit logs to a workspace.");
            Add(logging, "Auditing on SQL server should be enabled", "Low", "Data", ResourceKind.SqlServer, "Enable server auditing.");
            Add(logging, "Diagnostic logs in App Service should be enabled", "Low", "AppServices", ResourceKind.WebApp, "Enable App Service diagnostic logs.");

            var practices = Control("Implement security best practices", 0, "Practices that do not affect the score but reduce risk.");
            Add(practices, "Storage account public access should be disallowed", "Medium", "Data", ResourceKind.StorageAccount, "Disallow anonymous blob access.");
            Add(practices, "Key vaults should have deletion protection enabled", "Medium", "KeyVault", ResourceKind.KeyVault, "Enable purge protection.");
            Add(practices, "Key vaults should have soft delete enabled", "High", "KeyVault", ResourceKind.KeyVault, "Enable soft delete.");
            Add(practices, "Microsoft Defender for Storage plan should be enabled with malware scanning", "Medium", "Data", ResourceKind.StorageAccount, "Enable the Defender for Storage plan with on-upload malware scanning.", "Low", "Low", true);

            Controls = controls;
            Assessments = assessments;
            AssessmentsByKey = assessments.ToDictionary(a => a.Key);
        }

        public static IEnumerable<AssessmentDefinition> For(ResourceKind kind) => Assessments.Where(a => a.AppliesTo == kind);

        public static readonly IReadOnlyList<AlertDefinition> Alerts = new[]
        {
            new AlertDefinition("VM_EICAR", "Azure Security Center test alert (not a threat)", "High", "Execution", ResourceKind.VirtualMachine, new[] { "T1059" }, "This is a test alert generated by Defender for Cloud. No further action is needed."),
            new AlertDefinition("VM_SuspiciousPowerShell", "Suspicious PowerShell activity detected", "High", "Execution", ResourceKind.VirtualMachine, new[] { "T1059", "T1059.001" }, "Analysis of host data detected a PowerShell script with characteristics of known suspicious scripts."),
            new AlertDefinition("VM_BruteForceRdp", "Failed RDP Brute Force Attack", "Medium", "PreAttack", ResourceKind.VirtualMachine, new[] { "T1110" }, "Several remote desktop login attempts were detected from one source."),
            new AlertDefinition("VM_CoinMiner", "Digital currency mining related behavior detected", "High", "Impact", ResourceKind.VirtualMachine, new[] { "T1496" }, "Analysis of host data detected the execution of a process normally associated with digital currency mining."),
            new AlertDefinition("Storage.Blob_TorAnomaly", "Access from a Tor exit node to a storage blob container", "High", "InitialAccess", ResourceKind.StorageAccount, new[] { "T1078" }, "The storage account was accessed from an IP address known to be an active exit node of Tor."),
            new AlertDefinition("Storage.Blob_AnonymousAccessAnomaly", "Unusual unauthenticated public access to a sensitive blob container", "Medium", "Collection", ResourceKind.StorageAccount, new[] { "T1530" }, "A sensitive blob container was accessed anonymously."),
            new AlertDefinition("KV_ListGetAnomaly", "Unusual volume of operations in a key vault", "Medium", "CredentialAccess", ResourceKind.KeyVault, new[] { "T1555" }, "An unusually high number of key vault operations were performed."),
            new AlertDefinition("SQL.DB_VulnerabilityToSqlInjection", "Potential SQL injection", "High", "PreAttack", ResourceKind.SqlServer, new[] { "T1190" }, "An application generated a faulty SQL statement, which may indicate a SQL injection vulnerability."),
            new AlertDefinition("AppServices_CurlToDisk", "Suspicious download using curl detected", "Low", "Execution", ResourceKind.WebApp, new[] { "T1105" }, "Analysis of App Service processes detected a file download to disk."),
            new AlertDefinition("VM_SuspectDownloadArtifacts", "Detected suspicious file download", "Informational", "Execution", ResourceKind.VirtualMachine, new[] { "T1105" }, "Analysis of host data detected a suspicious download of a remote file."),
        };

        public static readonly IReadOnlyList<PlanDefinition> Plans = new[]
        {
            new PlanDefinition("VirtualMachines", "P2", false, Array.Empty<string>(), new[] { "AgentlessVmScanning", "MdeDesignatedSubscription", "FileIntegrityMonitoring" }),
            new PlanDefinition("SqlServers", null, false, Array.Empty<string>(), Array.Empty<string>()),
            new PlanDefinition("AppServices", null, false, Array.Empty<string>(), Array.Empty<string>()),
            new PlanDefinition("StorageAccounts", "DefenderForStorageV2", false, Array.Empty<string>(), new[] { "OnUploadMalwareScanning", "SensitiveDataDiscovery" }),
            new PlanDefinition("SqlServerVirtualMachines", null, false, Array.Empty<string>(), Array.Empty<string>()),
            new PlanDefinition("KeyVaults", "PerKeyVault", false, Array.Empty<string>(), Array.Empty<string>()),
            new PlanDefinition("Dns", null, false, Array.Empty<string>(), Array.Empty<string>()),
            new PlanDefinition("Arm", "PerSubscription", false, Array.Empty<string>(), Array.Empty<string>()),
            new PlanDefinition("OpenSourceRelationalDatabases", null, false, Array.Empty<string>(), Array.Empty<string>()),
            new PlanDefinition("Containers", null, false, Array.Empty<string>(), new[] { "ContainerRegistriesVulnerabilityAssessments", "AgentlessDiscoveryForKubernetes", "ContainerSensor" }),
            new PlanDefinition("CloudPosture", null, false, Array.Empty<string>(), new[] { "SensitiveDataDiscovery", "ContainerRegistriesVulnerabilityAssessments", "AgentlessDiscoveryForKubernetes", "AgentlessVmScanning", "EntraPermissionsManagement" }),
            new PlanDefinition("CosmosDbs", null, false, Array.Empty<string>(), Array.Empty<string>()),
            new PlanDefinition("Api", "P1", false, Array.Empty<string>(), Array.Empty<string>()),
            new PlanDefinition("KubernetesService", null, true, new[] { "Containers" }, Array.Empty<string>()),
            new PlanDefinition("ContainerRegistry", null, true, new[] { "Containers" }, Array.Empty<string>()),
        };

        public static PlanDefinition? Plan(string name) => Plans.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
