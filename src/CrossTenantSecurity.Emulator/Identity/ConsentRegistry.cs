using System;
using System.Collections.Generic;
using CrossTenantSecurity.Emulator.Posture;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator.Identity
{
    /// <summary>
    /// Where a multi-tenant app of the estate may get tokens, and with which roles. In its home tenant an app
    /// gets tokens as it always did; elsewhere only as the tenant's consent entry allows (Scenario principals'
    /// "consents"). The answers are Entra's, in Entra's order: the client is looked up in the directory before
    /// its secret is checked, consent and Conditional Access are judged after, for the requested resource.
    /// </summary>
    internal sealed class ConsentRegistry
    {
        private static readonly IReadOnlyList<string> NoRoles = Array.Empty<string>();

        private readonly Dictionary<(Guid AppId, Guid TenantId), ScenarioConsent> _consents = new();
        private readonly Dictionary<(Guid TenantId, Guid ObjectId), ScenarioPrincipal> _servicePrincipals = new();

        public ConsentRegistry(Scenario scenario)
        {
            foreach (ScenarioPrincipal app in scenario.Principals)
            {
                if (app.AppId is not Guid appId) continue;
                foreach (ScenarioConsent consent in app.Consents)
                {
                    _consents[(appId, consent.TenantId)] = consent;
                    if (app.TenantId != consent.TenantId && consent.Refusal is not (ConsentRefusal.NotInstalled or ConsentRefusal.MissingServicePrincipal))
                    {
                        Guid objectId = ObjectIdIn(appId, consent);
                        _servicePrincipals[(consent.TenantId, objectId)] = new ScenarioPrincipal
                        {
                            TenantId = consent.TenantId, ObjectId = objectId, AppId = appId, DisplayName = app.DisplayName, Type = "ServicePrincipal",
                        };
                    }
                }
            }
        }

        /// <summary>The object id an app's service principal gets in a tenant when the scenario does not name one.</summary>
        public static Guid DerivedObjectId(Guid appId, Guid tenantId) => StableId.Guid($"service-principal:{appId}:{tenantId}");

        /// <summary>The app's service principal in a customer tenant, as ARM sees the caller of a token issued there.</summary>
        public ScenarioPrincipal? ServicePrincipal(Guid tenantId, Guid objectId) =>
            _servicePrincipals.TryGetValue((tenantId, objectId), out ScenarioPrincipal? principal) ? principal : null;

        /// <summary>Is the client known in the tenant's directory? Answered before its credentials are checked.</summary>
        public EntraError? FindClient(ScenarioPrincipal app, Guid tenantId, string tenant)
        {
            if (app.TenantId == tenantId) return null;
            string client = AppId(app).ToString();
            return (Find(app, tenantId)?.Refusal ?? ConsentRefusal.NotInstalled) switch
            {
                ConsentRefusal.NotInstalled => EntraError.ApplicationNotFound(client, tenant),
                ConsentRefusal.MissingServicePrincipal => EntraError.MissingServicePrincipal(client, tenant),
                ConsentRefusal.AppDisabled => EntraError.ApplicationDisabled(client, app.DisplayName),
                _ => null,
            };
        }

        /// <summary>
        /// May an authenticated client have a token for the resource in the tenant? ARM needs no consented
        /// permission (Azure RBAC decides later) but still an installed, consented app; the other resources need
        /// a consent entry for them. A home tenant without an entry issues every token, as before consents existed.
        /// </summary>
        public EntraError? Authorize(ScenarioPrincipal app, Guid tenantId, TokenResource resource)
        {
            if (Find(app, tenantId) is not { } consent) return null;
            bool consented = consent.Refusal != ConsentRefusal.ConsentRequired &&
                (resource == TokenResource.ResourceManager || Permissions(consent, resource) is not null);
            if (!consented) return EntraError.ConsentRequired(AppId(app).ToString(), app.DisplayName);
            if (consent.Refusal == ConsentRefusal.ConditionalAccess) return EntraError.BlockedByConditionalAccess();
            return null;
        }

        /// <summary>The token's oid: the principal itself at home, its service principal in a customer tenant.</summary>
        public Guid ObjectId(ScenarioPrincipal app, Guid tenantId) =>
            app.TenantId == tenantId || Find(app, tenantId) is not { } consent ? app.ObjectId : ObjectIdIn(AppId(app), consent);

        /// <summary>The application permissions consented for the resource in the tenant: the token's roles claim.</summary>
        public IReadOnlyList<string> Roles(ScenarioPrincipal app, Guid tenantId, TokenResource resource) =>
            Find(app, tenantId) is { } consent ? Permissions(consent, resource) ?? NoRoles : NoRoles;

        /// <summary>Only principals found by app id reach this class, so AppId is set.</summary>
        private static Guid AppId(ScenarioPrincipal app) => app.AppId ?? Guid.Empty;

        private ScenarioConsent? Find(ScenarioPrincipal app, Guid tenantId) =>
            _consents.TryGetValue((AppId(app), tenantId), out ScenarioConsent? consent) ? consent : null;

        private static Guid ObjectIdIn(Guid appId, ScenarioConsent consent) =>
            consent.ServicePrincipalObjectId ?? DerivedObjectId(appId, consent.TenantId);

        private static IReadOnlyList<string>? Permissions(ScenarioConsent consent, TokenResource resource) => resource switch
        {
            TokenResource.Graph => consent.Graph,
            TokenResource.LogAnalytics => consent.LogAnalytics,
            TokenResource.DefenderEndpoint => consent.DefenderEndpoint,
            _ => null,
        };
    }
}
