using System;
using System.Linq;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Sorts a request into an <see cref="EndpointClass"/> by method and path alone.</summary>
    internal static class EndpointClassifier
    {
        private const string SecurityProvider = "/providers/Microsoft.Security/";

        /// <summary>Collections whose pages are slow and long (the model's "Security list page").</summary>
        private static readonly string[] SecurityLists =
            { "assessments", "alerts", "subAssessments", "regulatoryComplianceAssessments" };

        public static EndpointClass Classify(string method, string path)
        {
            string[] segments = Segments(path);
            bool isPost = HttpMethodIs(method, "POST");
            if (isPost && segments.Length >= 3 && Is(segments[1], "oauth2") && Is(segments[^1], "token"))
                return EndpointClass.EntraToken;
            if (segments.Length == 0 || !(Is(segments[0], "subscriptions") || Is(segments[0], "tenants") || Is(segments[0], "providers")))
                return EndpointClass.Other;
            if (isPost && segments.Length == 3 && Is(segments[1], "Microsoft.ResourceGraph") && Is(segments[2], "resources"))
                return EndpointClass.ResourceGraph;
            if (!HttpMethodIs(method, "GET") && !HttpMethodIs(method, "HEAD"))
                return EndpointClass.ArmWrite;
            if (path.Contains(SecurityProvider, StringComparison.OrdinalIgnoreCase) && SecurityLists.Any(l => Is(segments[^1], l)))
                return EndpointClass.SecurityList;
            return EndpointClass.ArmRead;
        }

        /// <summary>
        /// Which read a body fault could hit: a Microsoft.Security GET (by its last resource type), a subscriptions or
        /// tenants listing, or a Resource Graph query; null for everything else (token endpoint, writes, other ARM reads).
        /// </summary>
        public static PostureEndpoint? Posture(string method, string path)
        {
            EndpointClass endpointClass = Classify(method, path);
            if (endpointClass == EndpointClass.ResourceGraph) return PostureEndpoint.ResourceGraph;
            if (endpointClass == EndpointClass.Other || !HttpMethodIs(method, "GET")) return null;
            string[] segments = Segments(path);
            if (segments.Length <= 2 && Is(segments[0], "subscriptions")) return PostureEndpoint.Subscriptions;
            if (segments.Length == 1 && Is(segments[0], "tenants")) return PostureEndpoint.Tenants;
            int at = path.IndexOf(SecurityProvider, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return null;
            string[] types = Segments(path.Substring(at + SecurityProvider.Length)).Where((_, i) => i % 2 == 0).ToArray();
            for (int i = types.Length - 1; i >= 0; i--)
            {
                if (PostureEndpoints.ByResourceType.TryGetValue(types[i], out PostureEndpoint endpoint)) return endpoint;
            }
            return PostureEndpoint.OtherSecurity;
        }

        public static ArmOperation Operation(string method) =>
            HttpMethodIs(method, "DELETE") ? ArmOperation.Delete
            : HttpMethodIs(method, "GET") || HttpMethodIs(method, "HEAD") ? ArmOperation.Read
            : ArmOperation.Write;

        /// <summary>The subscription of a /subscriptions/{id}[/...] path, or null for tenant-level paths (including GET /subscriptions).</summary>
        public static string? SubscriptionId(string path)
        {
            string[] segments = Segments(path);
            return segments.Length >= 2 && Is(segments[0], "subscriptions") ? segments[1] : null;
        }

        /// <summary>
        /// The Microsoft.Security action a path performs, e.g. "Microsoft.Security/assessments/read", or null when the
        /// path is not under that provider. Resource types are every other segment after the namespace.
        /// </summary>
        public static string? SecurityAction(string path, ArmOperation operation)
        {
            int at = path.IndexOf(SecurityProvider, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return null;
            string[] rest = Segments(path.Substring(at + SecurityProvider.Length));
            string types = string.Join("/", rest.Where((_, i) => i % 2 == 0));
            return $"Microsoft.Security/{types}/{operation.ToString().ToLowerInvariant()}";
        }

        private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static bool HttpMethodIs(string method, string expected) => Is(method, expected);
    }
}
