using System;
using System.Linq;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>
    /// A request path split ARM's way at its last "/providers/": the scope (tenant, subscription,
    /// resource group or resource) and the provider's namespace and segments.
    /// </summary>
    internal sealed record ProviderPath(string Scope, Guid? SubscriptionId, string? ResourceGroup, bool IsResourceScope, string Namespace, string[] Segments)
    {
        public bool IsTenantScope => Scope.Length == 0;
        public bool IsSubscriptionScope => SubscriptionId is not null && ResourceGroup is null && !IsResourceScope;
        public bool IsResourceGroupScope => ResourceGroup is not null && !IsResourceScope;

        public static bool TryParse(string path, out ProviderPath result)
        {
            result = null!;
            string[] parts = path.Trim('/').Split('/');
            int providers = Array.FindLastIndex(parts, p => p.Equals("providers", StringComparison.OrdinalIgnoreCase));
            if (providers < 0 || providers + 1 >= parts.Length) return false;

            string[] scope = parts.Take(providers).ToArray();
            Guid? subscription = null;
            string? group = null;
            bool resource = false;
            if (scope.Length > 0)
            {
                if (scope.Length < 2 || !scope[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) || !Guid.TryParse(scope[1], out Guid id)) return false;
                subscription = id;
                if (scope.Length >= 4 && scope[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase)) group = scope[3];
                else if (scope.Length > 2) return false;
                resource = scope.Length > 4;
            }
            result = new ProviderPath(scope.Length == 0 ? string.Empty : "/" + string.Join("/", scope), subscription, group, resource, parts[providers + 1], parts.Skip(providers + 2).ToArray());
            return true;
        }

        /// <summary>Matches segments against a pattern where "*" is any name; names compare case-insensitively.</summary>
        public bool Matches(string[] pattern) =>
            pattern.Length == Segments.Length && pattern.Zip(Segments).All(p => p.First == "*" || p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase));
    }
}
