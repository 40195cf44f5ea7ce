using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Scopes;
using CrossTenantSecurity.Engine.Tenancy;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// What a subscription's failed read becomes: one typed failure. A 403 is looked into: with no role at all at
    /// subscription level but resource groups visible, the subscription is delegated only at resource-group level, and says so.
    /// </summary>
    internal sealed class SubscriptionFailures
    {
        private readonly ArmGateway _arm;

        public SubscriptionFailures(ArmGateway arm) => _arm = arm;

        public async Task<ScopeFailure> DescribeAsync(DelegatedSubscription s, Exception exception, Action<string> verbose, CancellationToken cancellationToken)
        {
            ScopeFailure failure = FailureMapper.ToFailure(s.SubscriptionId, exception, s);
            if (failure.Kind != ScopeFailureKind.Forbidden) return failure;
            try
            {
                if (await HasSubscriptionRoleAsync(s.SubscriptionId, verbose, cancellationToken).ConfigureAwait(false)) return failure;
                List<string> groups = await ResourceGroups.ListAsync(_arm, s.SubscriptionId, verbose, cancellationToken).ConfigureAwait(false);
                if (groups.Count == 0) return failure;
                return new ScopeFailure(s.SubscriptionId, ScopeFailureKind.ResourceGroupOnly, 403, failure.ErrorCode,
                    $"Subscription '{s.DisplayName}' ({s.SubscriptionId}) of {s.TenantName ?? s.TenantId.ToString()} is delegated to you only at resource-group level ({string.Join(", ", groups)}); subscription-level Defender data is out of reach.",
                    FailureMapper.RecommendedAction(ScopeFailureKind.ResourceGroupOnly, null), exception, s);
            }
            catch (Exception probe) when (probe is ArmRequestException or InvalidResponseException or Azure.RequestFailedException)
            {
                return failure;
            }
        }

        /// <summary>Whether the caller holds any role at the subscription itself (not only in its resource groups); asked once per session and subscription.</summary>
        private async Task<bool> HasSubscriptionRoleAsync(string subscriptionId, Action<string> verbose, CancellationToken cancellationToken)
        {
            string answer = await _arm.Cache.GetOrAddAsync($"permissions:{subscriptionId}", async () =>
            {
                using JsonDocument permissions = await _arm.GetAsync($"subscriptions/{subscriptionId}/providers/Microsoft.Authorization/permissions?api-version={ApiVersions.Permissions}",
                    verbose, cancellationToken).ConfigureAwait(false);
                return Json.Array(permissions.RootElement, "value").Any(p => Json.Array(p, "actions").Any()) ? "yes" : "no";
            }).ConfigureAwait(false);
            return answer == "yes";
        }
    }
}
