using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// The request id support asks for: read from a response's headers, and remembered for each document parsed from a
    /// success answer, so that a reader that finds the document malformed can still name the request it came from.
    /// </summary>
    internal static class RequestIds
    {
        private static readonly string[] Headers = { "x-ms-request-id", "request-id" };

        // Weak: an entry lives exactly as long as its document.
        private static readonly ConditionalWeakTable<JsonDocument, string> OfDocuments = new();

        public static string? Of(Response response)
        {
            foreach (string header in Headers)
            {
                if (response.Headers.TryGetValue(header, out string? id)) return id;
            }
            return null;
        }

        public static void Remember(JsonDocument document, string? requestId)
        {
            if (requestId is not null) OfDocuments.AddOrUpdate(document, requestId);
        }

        public static string? Of(JsonDocument document) => OfDocuments.TryGetValue(document, out string? id) ? id : null;
    }
}
