using System;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// One Defender for Cloud posture kind as data: where ARM serves it, where Resource Graph holds it, how an item
    /// becomes an output object, and what is special about it. <see cref="PostureReader"/> reads any kind from its
    /// description; the descriptions are in <see cref="PostureKinds"/>.
    /// </summary>
    internal sealed class PostureKind<T>
    {
        /// <summary>The noun of the kind's ErrorIds and of a snapshot's failed kinds, e.g. SecureScore.</summary>
        public required string Noun { get; init; }

        /// <summary>The ARM path under a scope (a subscription or one of its resource groups); <c>{parent}</c> names the parent item of a child kind.</summary>
        public required string Path { get; init; }

        public required string ApiVersion { get; init; }

        /// <summary>Query parameters besides the api-version, e.g. <c>$expand=metadata</c>.</summary>
        public string? Query { get; init; }

        public PostureShape Shape { get; init; } = PostureShape.List;

        /// <summary>The type in Resource Graph's securityresources table; null when Resource Graph does not hold the kind.</summary>
        public string? GraphType { get; init; }

        /// <summary>Which rows of <see cref="GraphType"/> are this kind, when the type holds more (every secure score, not only ascScore).</summary>
        public Func<JsonElement, bool>? GraphRows { get; init; }

        /// <summary>When the subscription-level list is forbidden, list each visible resource group instead (resource-group-only delegations).</summary>
        public bool ScopeFallback { get; init; }

        /// <summary>With <see cref="PostureSource.Auto"/>, read from Resource Graph from the threshold on (a list per parent item costs many ARM requests).</summary>
        public bool PreferGraph { get; init; }

        /// <summary>
        /// The fields every item carries (what the API always sends): <see cref="PostureReader"/> checks each ARM item and
        /// Resource Graph row against them before <see cref="Parse"/>, and an item that does not fit fails its subscription as InvalidResponse.
        /// </summary>
        public RequiredFields Required { get; init; } = new();

        /// <summary>An ARM item or a Resource Graph row (they carry the same properties) that fits <see cref="Required"/>, as the output object.</summary>
        public required Func<SubscriptionRef, JsonElement, T> Parse { get; init; }

        /// <summary>What a 404 means for this kind; null when it is a plain NotFound.</summary>
        public Func<SubscriptionRef, ArmRequestException, ArmRequestException>? OnNotFound { get; init; }

        /// <summary>Completes items that come without a part another per-subscription list holds; null when items are always whole.</summary>
        public IPostureJoin? Join { get; init; }

        /// <summary>Served by Microsoft.Security (a subscription without the provider fails every such kind alike).</summary>
        public bool IsSecurity => Path.StartsWith("providers/Microsoft.Security/", StringComparison.OrdinalIgnoreCase);

        /// <summary>The request path and query for a scope such as <c>subscriptions/{id}</c>, under <paramref name="parent"/> for a child kind.</summary>
        public string RequestPath(string scope, string? parent = null)
        {
            string path = Path;
            if (path.Contains("{parent}", StringComparison.Ordinal))
            {
                if (parent is null) throw new ArgumentNullException(nameof(parent), $"{Noun} is read under a parent item.");
                path = path.Replace("{parent}", Uri.EscapeDataString(parent), StringComparison.Ordinal);
            }
            return $"{scope.TrimEnd('/')}/{path}?api-version={ApiVersion}{(Query is null ? string.Empty : "&" + Query)}";
        }

        /// <summary>The same kind read into another type (e.g. a lighter one that a summary needs).</summary>
        public PostureKind<TOther> ParsedAs<TOther>(Func<SubscriptionRef, JsonElement, TOther> parse) => new()
        {
            Noun = Noun,
            Path = Path,
            ApiVersion = ApiVersion,
            Query = Query,
            Shape = Shape,
            GraphType = GraphType,
            GraphRows = GraphRows,
            ScopeFallback = ScopeFallback,
            PreferGraph = PreferGraph,
            Required = Required,
            Parse = parse,
            OnNotFound = OnNotFound,
            Join = Join,
        };
    }
}
