using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine.Tenancy
{
    /// <summary>
    /// Names of the built-in roles Lighthouse offers commonly use (Lighthouse allows built-in roles only),
    /// and whether each can read Microsoft.Security data.
    /// </summary>
    internal static class BuiltInRoleNames
    {
        private static readonly Dictionary<Guid, (string Name, bool ReadsSecurity)> Roles = new()
        {
            [Guid.Parse("b24988ac-6180-42a0-ab88-20f7382dd24c")] = ("Contributor", true),
            [Guid.Parse("acdd72a7-3385-48ef-bd42-f606fba81ae7")] = ("Reader", true),
            [Guid.Parse("39bc4728-0917-49c7-9d2c-d95423bc2eb4")] = ("Security Reader", true),
            [Guid.Parse("fb1c8493-542b-48eb-b624-b4c8fea62acd")] = ("Security Admin", true),
            [Guid.Parse("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9")] = ("User Access Administrator", true),
            [Guid.Parse("73c42c96-874c-492b-b04d-ab87d138a893")] = ("Log Analytics Reader", true),
            [Guid.Parse("92aaf0da-9dab-42b6-94a3-d43ce8d16293")] = ("Log Analytics Contributor", true),
            [Guid.Parse("43d0d8ad-25c7-4714-9337-8ba259a9fe05")] = ("Monitoring Reader", true),
            [Guid.Parse("749f88d5-cbae-40b8-bcfc-e573ddc772fa")] = ("Monitoring Contributor", true),
            [Guid.Parse("8d289c81-5878-46d4-8554-54e1e3d8b5cb")] = ("Microsoft Sentinel Reader", false),
            [Guid.Parse("3e150937-b8fe-4cfb-8069-0eaf05ecd056")] = ("Microsoft Sentinel Responder", false),
            [Guid.Parse("ab8e14d6-4a74-4a29-9ba8-549422addade")] = ("Microsoft Sentinel Contributor", false),
            [Guid.Parse("a795c7a0-d4a2-40c1-ae25-d81f01202912")] = ("Backup Reader", false),
            [Guid.Parse("00c29273-979b-4161-815c-10b084fb9324")] = ("Backup Operator", false),
            [Guid.Parse("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd")] = ("Backup Contributor", false),
            [Guid.Parse("9980e02c-c2be-4d73-94e8-173b1dc7cf3c")] = ("Virtual Machine Contributor", false),
            [Guid.Parse("f1a07417-d97a-45cb-824c-7a7467783830")] = ("Managed Identity Operator", false),
            [Guid.Parse("91c1777a-f3dc-4fae-b103-61d183457e46")] = ("Managed Services Registration assignment Delete Role", false),
            [Guid.Parse("8e3af657-a8ff-443c-a75c-2fe8c4bcb635")] = ("Owner", true),
        };

        public static string? NameOf(Guid roleDefinitionId) => Roles.TryGetValue(roleDefinitionId, out var role) ? role.Name : null;

        public static bool ReadsSecurity(Guid roleDefinitionId) => Roles.TryGetValue(roleDefinitionId, out var role) && role.ReadsSecurity;
    }
}
