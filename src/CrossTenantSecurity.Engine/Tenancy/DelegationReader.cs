using System;
using System.Collections.Generic;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.Tenancy
{
    /// <summary>A Lighthouse registration assignment, with its definition expanded, as a Delegation (read as a posture kind: PostureKinds.Delegations).</summary>
    internal static class DelegationReader
    {
        public static Delegation Parse(SubscriptionRef s, JsonElement item)
        {
            string id = Json.RequiredString(item, "id");
            int providers = id.IndexOf("/providers/Microsoft.ManagedServices/", StringComparison.OrdinalIgnoreCase);
            string scope = providers > 0 ? id.Substring(0, providers) : $"/subscriptions/{s.SubscriptionId}";
            string? group = ArmId.SegmentAfter(scope, "resourceGroups");
            JsonElement definition = Json.Get(item, "properties", "registrationDefinition") ?? default;
            bool expanded = definition.ValueKind == JsonValueKind.Object;

            var authorizations = new List<DelegationAuthorization>();
            var eligible = new List<EligibleDelegationAuthorization>();
            if (expanded)
            {
                foreach (JsonElement a in Json.Array(definition, "properties", "authorizations"))
                {
                    Guid role = ParseGuid(Json.String(a, "roleDefinitionId"));
                    var delegated = new List<Guid>();
                    foreach (string d in Json.Strings(a, "delegatedRoleDefinitionIds")) delegated.Add(ParseGuid(d));
                    authorizations.Add(new DelegationAuthorization(ParseGuid(Json.String(a, "principalId")), Json.String(a, "principalIdDisplayName"),
                        role, BuiltInRoleNames.NameOf(role), BuiltInRoleNames.ReadsSecurity(role), delegated));
                }
                foreach (JsonElement e in Json.Array(definition, "properties", "eligibleAuthorizations"))
                {
                    Guid role = ParseGuid(Json.String(e, "roleDefinitionId"));
                    var approvers = new List<string>();
                    foreach (JsonElement approver in Json.Array(e, "justInTimeAccessPolicy", "managedByTenantApprovers"))
                        approvers.Add(Json.String(approver, "principalIdDisplayName") ?? Json.String(approver, "principalId") ?? string.Empty);
                    eligible.Add(new EligibleDelegationAuthorization(ParseGuid(Json.String(e, "principalId")), Json.String(e, "principalIdDisplayName"), role,
                        BuiltInRoleNames.NameOf(role), Json.String(e, "justInTimeAccessPolicy", "multiFactorAuthProvider"),
                        Json.Duration(e, "justInTimeAccessPolicy", "maximumActivationDuration"), approvers));
                }
            }
            string? plan = expanded && Json.Get(definition, "plan") is { } p
                ? $"{Json.String(p, "publisher")}.{Json.String(p, "product")}.{Json.String(p, "name")}.{Json.String(p, "version")}" : null;

            return new Delegation(s,
                (expanded ? Json.String(definition, "properties", "registrationDefinitionName") : null) ?? ArmId.LastSegment(Json.String(item, "properties", "registrationDefinitionId")) ?? string.Empty,
                expanded ? Json.String(definition, "properties", "description") : null,
                scope,
                group is null ? DelegationScopeType.Subscription : DelegationScopeType.ResourceGroup,
                group,
                expanded ? ParseGuid(Json.String(definition, "properties", "managedByTenantId")) : Guid.Empty,
                expanded ? Json.String(definition, "properties", "managedByTenantName") : null,
                expanded && Guid.TryParse(Json.String(definition, "properties", "manageeTenantId"), out Guid customer) ? customer : s.TenantId,
                (expanded ? Json.String(definition, "properties", "manageeTenantName") : null) ?? s.TenantName,
                authorizations,
                eligible,
                Json.String(item, "properties", "provisioningState"),
                plan,
                Json.RequiredString(item, "properties", "registrationDefinitionId"),
                id);
        }

        private static Guid ParseGuid(string? text) => Guid.TryParse(text, out Guid value) ? value : Guid.Empty;
    }
}
