using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.Authorization
{
    /// <summary>A built-in Azure role: its actions and notActions (control plane only, as Lighthouse allows).</summary>
    public sealed record RoleDefinition(Guid Id, string Name, string[] Actions, string[] NotActions)
    {
        public bool Allows(string action) =>
            Actions.Any(pattern => ActionPattern.Matches(pattern, action)) && !NotActions.Any(pattern => ActionPattern.Matches(pattern, action));
    }

    /// <summary>
    /// The built-in roles that matter for Defender posture, with their permissions as Azure defines them
    /// (abridged to the control-plane entries). Lighthouse accepts only built-in roles, never Owner.
    /// </summary>
    public static class BuiltInRoles
    {
        public static readonly RoleDefinition Owner = new(Guid.Parse("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), "Owner", new[] { "*" }, Array.Empty<string>());

        public static readonly RoleDefinition Contributor = new(Guid.Parse("b24988ac-6180-42a0-ab88-20f7382dd24c"), "Contributor", new[] { "*" },
            new[] { "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action", "Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action" });

        public static readonly RoleDefinition Reader = new(Guid.Parse("acdd72a7-3385-48ef-bd42-f606fba81ae7"), "Reader", new[] { "*/read" }, Array.Empty<string>());

        public static readonly RoleDefinition SecurityReader = new(Guid.Parse("39bc4728-0917-49c7-9d2c-d95423bc2eb4"), "Security Reader",
            new[] { "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/read", "Microsoft.operationalInsights/workspaces/*/read", "Microsoft.Resources/deployments/*/read",
                    "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Security/*/read", "Microsoft.IoTSecurity/*/read", "Microsoft.Support/*/read", "Microsoft.Management/managementGroups/read" },
            Array.Empty<string>());

        public static readonly RoleDefinition SecurityAdmin = new(Guid.Parse("fb1c8493-542b-48eb-b624-b4c8fea62acd"), "Security Admin",
            new[] { "Microsoft.Authorization/*/read", "Microsoft.Authorization/policyAssignments/*", "Microsoft.Authorization/policyDefinitions/*", "Microsoft.Authorization/policyExemptions/*",
                    "Microsoft.Authorization/policySetDefinitions/*", "Microsoft.Insights/alertRules/*", "Microsoft.Management/managementGroups/read", "Microsoft.operationalInsights/workspaces/*/read",
                    "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Security/*", "Microsoft.IoTSecurity/*", "Microsoft.Support/*" },
            Array.Empty<string>());

        public static readonly RoleDefinition UserAccessAdministrator = new(Guid.Parse("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"), "User Access Administrator",
            new[] { "*/read", "Microsoft.Authorization/*", "Microsoft.Support/*" }, Array.Empty<string>());

        public static readonly RoleDefinition LogAnalyticsReader = new(Guid.Parse("73c42c96-874c-492b-b04d-ab87d138a893"), "Log Analytics Reader",
            new[] { "*/read", "Microsoft.OperationalInsights/workspaces/analytics/query/action", "Microsoft.OperationalInsights/workspaces/search/action", "Microsoft.Support/*" },
            new[] { "Microsoft.OperationalInsights/workspaces/sharedKeys/read" });

        public static readonly RoleDefinition SentinelReader = new(Guid.Parse("8d289c81-5878-46d4-8554-54e1e3d8b5cb"), "Microsoft Sentinel Reader",
            new[] { "Microsoft.SecurityInsights/*/read", "Microsoft.OperationalInsights/workspaces/read", "Microsoft.OperationalInsights/workspaces/query/read", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Insights/workbooks/read", "Microsoft.Support/*" },
            Array.Empty<string>());

        /// <summary>A role that reads nothing in Microsoft.Security (e.g. backup operators); useful to prove 403s.</summary>
        public static readonly RoleDefinition BackupReader = new(Guid.Parse("a795c7a0-d4a2-40c1-ae25-d81f01202912"), "Backup Reader",
            new[] { "Microsoft.RecoveryServices/Vaults/read", "Microsoft.RecoveryServices/Vaults/backupJobs/read", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*" },
            Array.Empty<string>());

        public static readonly IReadOnlyDictionary<Guid, RoleDefinition> ById =
            new[] { Owner, Contributor, Reader, SecurityReader, SecurityAdmin, UserAccessAdministrator, LogAnalyticsReader, SentinelReader, BackupReader }.ToDictionary(r => r.Id);

        public static RoleDefinition? Find(Guid id) => ById.TryGetValue(id, out RoleDefinition? role) ? role : null;
    }

    /// <summary>Azure action patterns: case-insensitive, '*' matches any run of characters (including '/').</summary>
    public static class ActionPattern
    {
        public static bool Matches(string pattern, string action)
        {
            return Match(pattern.AsSpan(), action.AsSpan());

            static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> a)
            {
                while (p.Length > 0)
                {
                    if (p[0] == '*')
                    {
                        ReadOnlySpan<char> rest = p.Slice(1);
                        for (int i = 0; i <= a.Length; i++)
                        {
                            if (Match(rest, a.Slice(i))) return true;
                        }
                        return false;
                    }
                    if (a.Length == 0 || char.ToUpperInvariant(p[0]) != char.ToUpperInvariant(a[0])) return false;
                    p = p.Slice(1);
                    a = a.Slice(1);
                }
                return a.Length == 0;
            }
        }
    }
}
