using System.Text.Json;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// Holds a posture answer to its kind's <see cref="PostureKind{T}.Required"/> fields before anything is parsed: a single
    /// document, every item of a list page (all of them before any is taken), each Resource Graph row. What does not fit
    /// is an <see cref="InvalidResponseException"/> naming the request and what was wrong, never a default-valued object.
    /// </summary>
    internal static class ShapeCheck
    {
        /// <summary>The answer to a single GET of <paramref name="path"/>.</summary>
        public static void Document(RequiredFields required, JsonDocument document, string path)
        {
            if (required.ProblemWith(document.RootElement) is { } problem)
                throw new InvalidResponseException(problem, RequestIds.Of(document), "GET /" + path.Split('?')[0]);
        }

        public static void Page(RequiredFields required, ListPage page)
        {
            for (int i = 0; i < page.Items.Count; i++)
            {
                if (Item(required, page.Items[i], i) is { } problem) throw new InvalidResponseException(problem, page.RequestId, page.Origin);
            }
        }

        /// <summary>A row of Resource Graph's securityresources of <paramref name="graphType"/>; the failure, or null when it fits.</summary>
        public static InvalidResponseException? Row(RequiredFields required, JsonElement row, string? requestId, string graphType) =>
            Item(required, row, null) is { } problem ? new InvalidResponseException(problem, requestId, $"the Resource Graph query of {graphType}") : null;

        /// <summary>The problem with one item of many, naming the item by its id (kept readable even in a broken answer) or position.</summary>
        private static string? Item(RequiredFields required, JsonElement item, int? index) =>
            required.ProblemWith(item) is { } problem
                ? $"{problem}, in item {Json.String(item, "id") ?? (index is int i ? "#" + (i + 1) : "without an id")}"
                : null;
    }
}
