using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>
    /// Where the next page starts. Opaque to clients (base64url JSON) and bound to the query text and scope by a
    /// hash, so a token replayed with another query or other subscriptions is refused.
    /// Streaming pages resume after a source row (subscription index + row id); materialised ones by offset.
    /// </summary>
    internal sealed record ResourceGraphSkipToken
    {
        [JsonPropertyName("b")] public string Binding { get; init; } = string.Empty;
        [JsonPropertyName("p")] public int Page { get; init; }
        [JsonPropertyName("t")] public long Total { get; init; }
        /// <summary>Materialised results: rows to skip.</summary>
        [JsonPropertyName("o")] public int? Offset { get; init; }
        /// <summary>Streaming results: index into the scope's subscriptions and the id of the last source row read.</summary>
        [JsonPropertyName("s")] public int Subscription { get; init; }
        [JsonPropertyName("a")] public string? AfterId { get; init; }
        /// <summary>Rows to drop after the resume point (how the unstable order knob makes gaps).</summary>
        [JsonPropertyName("g")] public int Gap { get; init; }

        public static string Bind(string query, IReadOnlyList<Guid> subscriptions)
        {
            var text = new StringBuilder(query).Append('\n');
            foreach (Guid s in subscriptions) text.Append(s.ToString("N"));
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 12);
        }

        public string Encode() => Base64Url(JsonSerializer.SerializeToUtf8Bytes(this));

        /// <summary>Null with a reason when the token is malformed or belongs to another query or scope.</summary>
        public static ResourceGraphSkipToken? Decode(string token, string binding, out string reason)
        {
            reason = string.Empty;
            ResourceGraphSkipToken? decoded = null;
            try
            {
                string padded = token.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                decoded = JsonSerializer.Deserialize<ResourceGraphSkipToken>(Convert.FromBase64String(padded));
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
            }
            if (decoded is null || decoded.Page < 1 || decoded.Subscription < 0 || decoded.Gap < 0 || decoded.Offset < 0)
            {
                reason = "The $skipToken is not valid.";
                return null;
            }
            if (decoded.Binding != binding)
            {
                reason = "The $skipToken was issued for a different query or scope; send it with the same query and subscriptions.";
                return null;
            }
            return decoded;
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
