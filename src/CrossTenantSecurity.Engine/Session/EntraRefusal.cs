using System;
using System.Text.RegularExpressions;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>
    /// What an Entra refusal means for a customer tenant, read from its AADSTS code, and how to fix it.
    /// https://learn.microsoft.com/entra/identity-platform/reference-error-codes
    /// </summary>
    internal static class EntraRefusal
    {
        private static readonly Regex Code = new Regex(@"AADSTS(\d{5,7})", RegexOptions.CultureInvariant);

        /// <summary>The first AADSTS code in the message (Azure.Identity nests Entra's text), e.g. "AADSTS65001".</summary>
        public static string? CodeIn(string message) => Code.Match(message) is { Success: true } m ? "AADSTS" + m.Groups[1].Value : null;

        public static ScopeFailureKind KindOf(string? code) => code switch
        {
            // 65001: not consented; 700016: the app is not in the directory (never consented there);
            // 7000229: a multi-tenant app without its service principal in the tenant.
            "AADSTS65001" or "AADSTS700016" or "AADSTS7000229" or "AADSTS650051" or "AADSTS500011" => ScopeFailureKind.ConsentRequired,
            // 53003: conditional access; 7000112: the app is disabled there; 50057: the account is disabled; 50158: external security challenge.
            "AADSTS53003" or "AADSTS7000112" or "AADSTS50057" or "AADSTS50158" or "AADSTS530003" => ScopeFailureKind.AccessBlocked,
            // 90002: the tenant does not exist in this cloud; 90072: the user has no account in that tenant.
            "AADSTS90002" or "AADSTS90072" => ScopeFailureKind.NotFound,
            _ => ScopeFailureKind.Unauthorized,
        };

        public static string RecommendedAction(ScopeFailureKind kind, CloudService service, Guid tenant, string? applicationId, Uri authority) => kind switch
        {
            ScopeFailureKind.ConsentRequired when applicationId is not null =>
                $"Ask an administrator of tenant {tenant} to grant admin consent to application {applicationId} for {service} " +
                $"({new Uri(authority, $"{tenant}/adminconsent?client_id={applicationId}")}), with the permissions the command needs.",
            ScopeFailureKind.ConsentRequired =>
                $"Ask an administrator of tenant {tenant} to consent the application you sign in with for {service}.",
            ScopeFailureKind.AccessBlocked =>
                $"Tenant {tenant} blocks this sign-in (conditional access, or the application or account is disabled there); ask its administrator to allow it.",
            ScopeFailureKind.NotFound =>
                $"Tenant {tenant} is not reachable by this account in this cloud; check the tenant id, or sign in as a principal that exists there.",
            _ => "Sign in again with Connect-CtAccount.",
        };
    }
}
