using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>
    /// One response page: its rows (objectArray format), the continuation token and the truncation flag. A page that is not
    /// an object whose "data" is an array of objects is an <see cref="InvalidResponseException"/>, never an empty page.
    /// </summary>
    internal sealed class ResourceGraphPage
    {
        private ResourceGraphPage(IReadOnlyList<JsonElement> rows, string? skipToken, bool truncated, long? totalRecords, string? requestId)
        {
            Rows = rows;
            SkipToken = skipToken;
            Truncated = truncated;
            TotalRecords = totalRecords;
            RequestId = requestId;
        }

        public IReadOnlyList<JsonElement> Rows { get; }
        public string? SkipToken { get; }
        /// <summary>resultTruncated is the string "true"/"false" (Json.Bool also accepts a real boolean).</summary>
        public bool Truncated { get; }
        public long? TotalRecords { get; }
        public string? RequestId { get; }

        public static ResourceGraphPage Read(JsonDocument document)
        {
            JsonElement root = document.RootElement;
            string? requestId = RequestIds.Of(document);
            if (ProblemWith(root) is { } problem) throw new InvalidResponseException(problem, requestId, "POST /" + ResourceGraphApi.Path.Split('?')[0]);
            List<JsonElement> rows = root.GetProperty("data").EnumerateArray().ToList();
            string? token = Json.String(root, "$skipToken");
            return new ResourceGraphPage(rows, string.IsNullOrEmpty(token) ? null : token, Json.Bool(root, "resultTruncated") == true, Json.Long(root, "totalRecords"), requestId);
        }

        private static string? ProblemWith(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) return $"the page is {JsonKinds.Describe(root.ValueKind)}, not an object";
            if (!root.TryGetProperty("data", out JsonElement data)) return "the page has no \"data\" list";
            if (data.ValueKind != JsonValueKind.Array) return $"\"data\" is {JsonKinds.Describe(data.ValueKind)}, not an array";
            int index = data.EnumerateArray().TakeWhile(row => row.ValueKind == JsonValueKind.Object).Count();
            if (index < data.GetArrayLength()) return $"row #{index + 1} is {JsonKinds.Describe(data[index].ValueKind)}, not an object";
            if (root.TryGetProperty("$skipToken", out JsonElement token) && token.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return $"\"$skipToken\" is {JsonKinds.Describe(token.ValueKind)}, not a string";
            return null;
        }
    }
}
