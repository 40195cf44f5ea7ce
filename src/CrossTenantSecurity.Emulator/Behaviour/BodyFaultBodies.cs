using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>The bytes each replacing body fault sends instead of a real 200 answer (ResetMidBody and Hang are about the connection instead).</summary>
    internal static class BodyFaultBodies
    {
        public const string HtmlContentType = "text/html; charset=utf-8";

        /// <summary>What a proxy or captive portal puts in front of a request it intercepted.</summary>
        public static readonly byte[] HtmlPage = Encoding.UTF8.GetBytes(
            "<!DOCTYPE html>\n<html><head><title>Network sign-in required</title></head>\n" +
            "<body><h1>Network sign-in required</h1><p>Your request was intercepted by the web proxy. Sign in to continue.</p></body></html>\n");

        /// <summary>
        /// The new body and its content type (null keeps the real one). A list is a root object whose
        /// <paramref name="listProperty"/> ("value" in ARM, "data" in Resource Graph) is an array; anything else is a single document.
        /// </summary>
        public static (byte[] Body, string? ContentType) For(BodyFaultKind kind, byte[] real, string listProperty, int seed, long requestKey)
        {
            switch (kind)
            {
                case BodyFaultKind.TruncatedJson:
                    // Any proper prefix of a JSON object or array fails to parse.
                    return (real.AsSpan(0, real.Length / 2).ToArray(), null);
                case BodyFaultKind.HtmlPage:
                    return (HtmlPage, HtmlContentType);
                case BodyFaultKind.EmptyObject:
                    return (Utf8("{}"), null);
                case BodyFaultKind.EmptyBody:
                    return (Array.Empty<byte>(), null);
            }
            JsonNode? document = JsonNode.Parse(real);
            JsonArray? list = document is JsonObject root && root[listProperty] is JsonArray items ? items : null;
            JsonNode? replaced = kind switch
            {
                BodyFaultKind.NullValue => list is null ? null : new JsonObject { [listProperty] = null },
                BodyFaultKind.ObjectValue => new JsonObject { [listProperty] = list is null ? document?.DeepClone() : list.FirstOrDefault()?.DeepClone() ?? new JsonObject() },
                BodyFaultKind.WrongTypes => document is null ? JsonValue.Create("abc") : WrongTypes.Apply(document, listProperty, seed, requestKey),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a body fault that replaces the body."),
            };
            return (Utf8(replaced?.ToJsonString() ?? "null"), null);
        }

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
    }
}
