using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// The <see cref="BodyFaultKind.WrongTypes"/> mutation. Under each resource's "properties" (a resource without
    /// them, such as a Resource Graph row, has every field but id, name and type), every value takes a wrong JSON
    /// type: a number becomes {} or "abc", a string {} or 42, a boolean {} or "abc", an array {}; objects are walked
    /// into. A list's nextLink breaks the same way, and an empty list's value becomes {}. Ids stay readable so a
    /// client can say which resource was wrong. Each pick is a seeded draw keyed by the request and the field's order.
    /// </summary>
    internal static class WrongTypes
    {
        private static readonly string[] Identity = { "id", "name", "type" };

        public static JsonNode Apply(JsonNode document, string listProperty, int seed, long requestKey)
        {
            var walk = new Walk(seed, requestKey);
            if (document is JsonObject root && root[listProperty] is JsonArray list)
            {
                if (list.Count == 0) root[listProperty] = new JsonObject();
                foreach (JsonNode? item in list) walk.Resource(item);
                if (root["nextLink"] is JsonValue next) root["nextLink"] = walk.Replacement(next);
            }
            else
            {
                walk.Resource(document);
            }
            return document;
        }

        private sealed class Walk
        {
            private readonly int _seed;
            private readonly long _requestKey;
            private int _draws;

            public Walk(int seed, long requestKey) => (_seed, _requestKey) = (seed, requestKey);

            public void Resource(JsonNode? resource)
            {
                if (resource is not JsonObject fields) return;
                if (fields["properties"] is JsonObject properties) Fields(properties);
                else Fields(fields, except: Identity);
            }

            private void Fields(JsonObject fields, string[]? except = null)
            {
                foreach (string name in fields.Select(f => f.Key).Where(k => except is null || !except.Contains(k)).ToList())
                {
                    if (fields[name] is JsonObject inner) Fields(inner);
                    else if (fields[name] is { } value) fields[name] = Replacement(value);
                }
            }

            /// <summary>A value of another JSON type; null stays null (it has no type to get wrong).</summary>
            public JsonNode Replacement(JsonNode value)
            {
                bool first = SeededRandom.Uniform(_seed, RandomStream.BodyFaultDetail, _requestKey, _draws++) < 0.5;
                return value.GetValueKind() switch
                {
                    JsonValueKind.Array => new JsonObject(),
                    JsonValueKind.Number => first ? new JsonObject() : JsonValue.Create("abc"),
                    JsonValueKind.String => first ? new JsonObject() : JsonValue.Create(42),
                    _ => first ? new JsonObject() : JsonValue.Create("abc"),
                };
            }
        }
    }
}
