using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.Scenarios
{
    /// <summary>
    /// An estate: tenants, their principals, subscriptions, own role assignments and Lighthouse delegations.
    /// Loaded from JSON (camelCase); see Scenarios/sample-estate.json.
    /// </summary>
    public sealed class Scenario
    {
        public string Name { get; set; } = "scenario";
        public List<ScenarioTenant> Tenants { get; set; } = new();
        public List<ScenarioPrincipal> Principals { get; set; } = new();
        public List<ScenarioSubscription> Subscriptions { get; set; } = new();
        /// <summary>Azure RBAC inside a principal's own tenant.</summary>
        public List<ScenarioRoleAssignment> RoleAssignments { get; set; } = new();
        /// <summary>Lighthouse: a registration definition and its assignments to scopes in the customer tenant.</summary>
        public List<ScenarioDelegation> Delegations { get; set; } = new();
        /// <summary>Page size of list operations (ARM uses about 100 for subscriptions).</summary>
        public int PageSize { get; set; } = 100;
        /// <summary>Page size of Microsoft.Security lists (undocumented; about 100).</summary>
        public int SecurityPageSize { get; set; } = 100;
        /// <summary>Share of Microsoft.Security list chains that return 1-3 empty pages that still carry a nextLink.</summary>
        public double EmptySecurityPageRate { get; set; }
        /// <summary>Seed of every generated value: same seed, same estate, same bytes.</summary>
        public int Seed { get; set; } = 1;
        /// <summary>"Now" for generated timestamps, fixed so that output is reproducible.</summary>
        public System.DateTimeOffset ReferenceTime { get; set; } = new(2026, 11, 20, 0, 0, 0, System.TimeSpan.Zero);
        /// <summary>Posture of subscriptions that do not set their own.</summary>
        public PostureProfile DefaultPosture { get; set; } = new();
    }

    public sealed class ScenarioTenant
    {
        public Guid Id { get; set; }
        public string DisplayName { get; set; } = string.Empty;
        public string DefaultDomain { get; set; } = string.Empty;
        public List<string> Domains { get; set; } = new();
        public string CountryCode { get; set; } = "US";
        public string Country { get; set; } = "United States";
    }

    public sealed class ScenarioPrincipal
    {
        public Guid TenantId { get; set; }
        public Guid ObjectId { get; set; }
        /// <summary>Application (client) id; for service principals.</summary>
        public Guid? AppId { get; set; }
        public string DisplayName { get; set; } = string.Empty;
        /// <summary>ServicePrincipal, User or Group.</summary>
        public string Type { get; set; } = "ServicePrincipal";
        /// <summary>Client secret accepted by the token endpoint (service principals only).</summary>
        public string? Secret { get; set; }
        /// <summary>Groups (object ids) the principal belongs to; authorizations may name a group.</summary>
        public List<Guid> MemberOf { get; set; } = new();
        /// <summary>
        /// A multi-tenant app's standing in other tenants, one entry per tenant: tokens are issued there only as
        /// these entries allow. Its credentials stay on this (home) principal; a tenant without an entry answers AADSTS700016.
        /// </summary>
        public List<ScenarioConsent> Consents { get; set; } = new();
    }

    public sealed class ScenarioSubscription
    {
        public Guid Id { get; set; }
        /// <summary>Home tenant.</summary>
        public Guid TenantId { get; set; }
        public string DisplayName { get; set; } = string.Empty;
        public string State { get; set; } = "Enabled";
        public string QuotaId { get; set; } = "EnterpriseAgreement_2014-09-01";
        public string SpendingLimit { get; set; } = "Off";
        public string LocationPlacementId { get; set; } = "Public_2014-09-01";
        public Dictionary<string, string> Tags { get; set; } = new();
        public List<string> ResourceGroups { get; set; } = new();
        /// <summary>Defender posture of this subscription; the scenario's default when absent.</summary>
        public PostureProfile? Posture { get; set; }

        /// <summary>The resource groups, or three typical ones when the scenario names none.</summary>
        public IReadOnlyList<string> ResourceGroupNames() =>
            ResourceGroups.Count > 0 ? ResourceGroups : new[] { "rg-prod", "rg-shared", "rg-data" };
    }

    public sealed class ScenarioRoleAssignment
    {
        public Guid PrincipalId { get; set; }
        /// <summary>/subscriptions/{id} or /subscriptions/{id}/resourceGroups/{rg}.</summary>
        public string Scope { get; set; } = string.Empty;
        /// <summary>Built-in role definition GUID.</summary>
        public Guid RoleDefinitionId { get; set; }
    }

    public sealed class ScenarioDelegation
    {
        /// <summary>Registration definition id (GUID).</summary>
        public Guid Id { get; set; }
        public string OfferName { get; set; } = string.Empty;
        public string? Description { get; set; }
        public Guid ManagedByTenantId { get; set; }
        public Guid CustomerTenantId { get; set; }
        /// <summary>Assignment scopes in the customer tenant: subscriptions or resource groups.</summary>
        public List<string> Scopes { get; set; } = new();
        public List<ScenarioAuthorization> Authorizations { get; set; } = new();
        public List<ScenarioEligibleAuthorization> EligibleAuthorizations { get; set; } = new();
        /// <summary>Set for offers published through Azure Marketplace.</summary>
        public ScenarioPlan? Plan { get; set; }
    }

    public sealed class ScenarioPlan
    {
        public string Name { get; set; } = string.Empty;
        public string Publisher { get; set; } = string.Empty;
        public string Product { get; set; } = string.Empty;
        public string Version { get; set; } = "1.0.0";
    }

    public sealed class ScenarioAuthorization
    {
        public Guid PrincipalId { get; set; }
        public string? PrincipalIdDisplayName { get; set; }
        public Guid RoleDefinitionId { get; set; }
        public List<Guid> DelegatedRoleDefinitionIds { get; set; } = new();
    }

    public sealed class ScenarioEligibleAuthorization
    {
        public Guid PrincipalId { get; set; }
        public string? PrincipalIdDisplayName { get; set; }
        public Guid RoleDefinitionId { get; set; }
        public string MultiFactorAuthProvider { get; set; } = "Azure";
        public string MaximumActivationDuration { get; set; } = "PT8H";
        public List<ScenarioAuthorization> Approvers { get; set; } = new();
    }
}
