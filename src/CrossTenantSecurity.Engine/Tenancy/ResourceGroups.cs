using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Tenancy
{
    internal static class ResourceGroups
    {
        /// <summary>The resource groups the caller can see, shared by the session's commands for a short while.</summary>
        public static Task<List<string>> ListAsync(ArmGateway arm, string subscriptionId, Action<string> verbose, CancellationToken ct) =>
            arm.Cache.GetOrAddAsync($"resourcegroups:{subscriptionId}", async () =>
            {
                var groups = new List<string>();
                await foreach (JsonElement item in arm.ListAsync($"subscriptions/{subscriptionId}/resourcegroups?api-version={ApiVersions.ResourceGroups}", verbose, ct).ConfigureAwait(false))
                {
                    if (Json.String(item, "name") is { Length: > 0 } name) groups.Add(name);
                }
                return groups;
            });
    }
}
