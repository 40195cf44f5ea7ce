using System;

namespace CrossTenantSecurity.Emulator.Scenarios
{
    /// <summary>A subscription or resource-group scope.</summary>
    public readonly struct ArmScope
    {
        public ArmScope(Guid subscriptionId, string? resourceGroup)
        {
            SubscriptionId = subscriptionId;
            ResourceGroup = resourceGroup;
        }

        public Guid SubscriptionId { get; }
        public string? ResourceGroup { get; }
        public bool IsSubscription => ResourceGroup is null;

        public static bool TryParse(string text, out ArmScope scope)
        {
            scope = default;
            string[] parts = text.Trim('/').Split('/');
            if (parts.Length < 2 || !parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) || !Guid.TryParse(parts[1], out Guid id)) return false;
            if (parts.Length == 2) { scope = new ArmScope(id, null); return true; }
            if (parts.Length == 4 && parts[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase)) { scope = new ArmScope(id, parts[3]); return true; }
            return false;
        }

        public override string ToString() => IsSubscription ? $"/subscriptions/{SubscriptionId}" : $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}";
    }
}
