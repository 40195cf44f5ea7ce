using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.Scenarios
{
    /// <summary>
    /// What a customer tenant has done with the MSSP's multi-tenant app: its service principal there and the
    /// application permissions an administrator consented to, per resource. A resource left out (null) was
    /// never consented (AADSTS65001); an empty list was consented without permissions (a token without roles).
    /// </summary>
    public sealed class ScenarioConsent
    {
        public Guid TenantId { get; set; }
        /// <summary>Object id of the app's service principal in that tenant; derived from app id and tenant when absent.</summary>
        public Guid? ServicePrincipalObjectId { get; set; }
        /// <summary>Microsoft Graph application permissions, e.g. SecurityIncident.Read.All.</summary>
        public List<string>? Graph { get; set; }
        /// <summary>Log Analytics API application permissions, e.g. Data.Read.</summary>
        public List<string>? LogAnalytics { get; set; }
        /// <summary>Defender for Endpoint (WindowsDefenderATP) application permissions, e.g. Machine.Read.All.</summary>
        public List<string>? DefenderEndpoint { get; set; }
        /// <summary>Why Entra refuses tokens in that tenant, whatever was consented; None when it issues them.</summary>
        public ConsentRefusal Refusal { get; set; }
    }
}
