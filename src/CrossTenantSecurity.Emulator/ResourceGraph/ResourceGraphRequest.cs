using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>The body of a Resources query (QueryRequest), read leniently as ARG does and checked for ranges.</summary>
    internal sealed record ResourceGraphRequest(
        string Query,
        IReadOnlyList<string>? Subscriptions,
        IReadOnlyList<string>? ManagementGroups,
        int Top,
        int Skip,
        string? SkipToken,
        bool TableFormat,
        bool AllowPartialScopes)
    {
        public const int DefaultTop = 100;
        public const int MaxTop = 1000;

        /// <summary>Returns an error result, or null with the request.</summary>
        public static IResult? TryRead(JsonNode? body, out ResourceGraphRequest request)
        {
            request = new ResourceGraphRequest(string.Empty, null, null, DefaultTop, 0, null, false, false);
            if (body is not JsonObject root) return ResourceGraphErrors.BadRequest("InvalidRequestContent", "The request content is not a JSON object.");
            if (root["query"] is not JsonValue queryValue || queryValue.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(queryValue.GetValue<string>()))
                return ResourceGraphErrors.BadRequest("InvalidQuery", "The 'query' field is required.");
            JsonObject? options = root["options"] as JsonObject;

            int top = DefaultTop;
            if (ReadInt(options?["$top"]) is { } t)
            {
                if (t < 1 || t > MaxTop) return ResourceGraphErrors.BadRequest("InvalidParameter", $"The '$top' option must be between 1 and {MaxTop}; it was {t}.");
                top = (int)t;
            }
            int skip = 0;
            if (ReadInt(options?["$skip"]) is { } s)
            {
                if (s < 0 || s > int.MaxValue) return ResourceGraphErrors.BadRequest("InvalidParameter", $"The '$skip' option must not be negative; it was {s}.");
                skip = (int)s;
            }
            string format = (options?["resultFormat"] as JsonValue)?.ToString() ?? "objectArray";
            if (!format.Equals("objectArray", StringComparison.OrdinalIgnoreCase) && !format.Equals("table", StringComparison.OrdinalIgnoreCase))
                return ResourceGraphErrors.BadRequest("InvalidParameter", $"The 'resultFormat' option '{format}' is not valid; use 'objectArray' or 'table'.");

            string? token = (options?["$skipToken"] as JsonValue)?.ToString();
            request = new ResourceGraphRequest(
                queryValue.GetValue<string>(),
                ReadStrings(root["subscriptions"]),
                ReadStrings(root["managementGroups"]),
                top,
                skip,
                string.IsNullOrEmpty(token) ? null : token,
                format.Equals("table", StringComparison.OrdinalIgnoreCase),
                options?["allowPartialScopes"] is JsonValue partial && partial.GetValueKind() == JsonValueKind.True);
            return null;
        }

        private static long? ReadInt(JsonNode? node)
        {
            if (node is not JsonValue value) return null;
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out long l)) return l;
            if (value.GetValueKind() == JsonValueKind.String && long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l;
            return null;
        }

        private static List<string>? ReadStrings(JsonNode? node) =>
            node is JsonArray array ? array.Select(item => (item as JsonValue)?.ToString() ?? string.Empty).ToList() : null;
    }
}
