using System;
using System.Text;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// The scope of an ARM request read from its path, for callers that do not name one: /subscriptions/{id} is that
    /// subscription, /subscriptions/{id}/resourceGroups/{name} that resource group (counted against its subscription),
    /// /providers/Microsoft.ResourceGraph Resource Graph, anything else ARM's tenant root. The path is read once, when the
    /// message is created.
    /// </summary>
    internal static class ArmPathScope
    {
        private const string SubscriptionsPrefix = "/subscriptions/";
        private const string ResourceGroupsSegment = "/resourceGroups/";
        private const string ResourceGraphPrefix = "/providers/Microsoft.ResourceGraph";

        public static RequestScope Derive(Uri uri)
        {
            string path = uri.AbsolutePath;
            if (path.StartsWith(SubscriptionsPrefix, StringComparison.OrdinalIgnoreCase) && path.Length > SubscriptionsPrefix.Length)
            {
                int subscriptionEnd = SegmentEnd(path, SubscriptionsPrefix.Length);
                string subscription = path.Substring(SubscriptionsPrefix.Length, subscriptionEnd - SubscriptionsPrefix.Length);
                if (string.Compare(path, subscriptionEnd, ResourceGroupsSegment, 0, ResourceGroupsSegment.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && path.Length > subscriptionEnd + ResourceGroupsSegment.Length)
                {
                    int groupEnd = SegmentEnd(path, subscriptionEnd + ResourceGroupsSegment.Length);
                    return new RequestScope(CloudService.ResourceManager, RequestScopeKind.ResourceGroup, path.Substring(0, groupEnd),
                        subscriptionId: subscription, operation: OperationBelow(path, groupEnd));
                }
                return new RequestScope(CloudService.ResourceManager, RequestScopeKind.Subscription, subscription,
                    subscriptionId: subscription, operation: OperationBelow(path, subscriptionEnd));
            }
            RequestScopeKind kind = path.StartsWith(ResourceGraphPrefix, StringComparison.OrdinalIgnoreCase) ? RequestScopeKind.ResourceGraph : RequestScopeKind.Tenant;
            return new RequestScope(CloudService.ResourceManager, kind, "/", operation: OperationBelow(path, 0));
        }

        private static int SegmentEnd(string path, int start)
        {
            int slash = path.IndexOf('/', start);
            return slash < 0 ? path.Length : slash;
        }

        /// <summary>The path after <paramref name="start"/> with every GUID segment starred, so all assessments are one operation.</summary>
        private static string OperationBelow(string path, int start)
        {
            StringBuilder? starred = null;
            int copied = start;
            for (int segment = start; segment < path.Length; )
            {
                int end = SegmentEnd(path, segment + 1);
                ReadOnlySpan<char> text = path.AsSpan(segment + 1, end - segment - 1);
                if (Guid.TryParse(text, out _))
                {
                    starred ??= new StringBuilder(path.Length - start);
                    starred.Append(path, copied, segment + 1 - copied).Append('*');
                    copied = end;
                }
                segment = end;
            }
            if (starred is null) return path.Substring(start);
            return starred.Append(path, copied, path.Length - copied).ToString();
        }
    }
}
