using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>One response page: its rows (objectArray format), the continuation token and the truncation flag.</summary>
    internal sealed class ResourceGraphPage
    {
        private ResourceGraphPage(IReadOnlyList<JsonElement> rows, string? skipToken, bool truncated, long? totalRecords)
        {
            Rows = rows;
            SkipToken = skipToken;
            Truncated = truncated;
            TotalRecords = totalRecords;
        }

        public IReadOnlyList<JsonElement> Rows { get; }
        public string? SkipToken { get; }
        /// <summary>resultTruncated is the string "true"/"false" (Json.Bool also accepts a real boolean).</summary>
        public bool Truncated { get; }
        public long? TotalRecords { get; }

        public static ResourceGraphPage Read(JsonElement root)
        {
            List<JsonElement> rows = Json.Array(root, "data").Where(r => r.ValueKind == JsonValueKind.Object).ToList();
            string? token = Json.String(root, "$skipToken");
            return new ResourceGraphPage(rows, string.IsNullOrEmpty(token) ? null : token, Json.Bool(root, "resultTruncated") == true, Json.Long(root, "totalRecords"));
        }
    }
}
