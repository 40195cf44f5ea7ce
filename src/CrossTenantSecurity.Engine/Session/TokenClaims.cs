using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>
    /// The few claims we read from an access token to describe the sign-in. The token is not validated
    /// here (the service does that); it is read once and never stored or logged.
    /// </summary>
    internal sealed class TokenClaims
    {
        public Guid? TenantId { get; private set; }
        public string? ObjectId { get; private set; }
        public string? AppId { get; private set; }
        public string? UserName { get; private set; }
        public string? IdentityType { get; private set; }
        /// <summary>The service the token was issued for (aud): a URI or the service's application id.</summary>
        public string? Audience { get; private set; }
        public DateTimeOffset? ExpiresOn { get; private set; }
        /// <summary>Application permissions granted in the token's tenant (the roles claim of an app-only token).</summary>
        public IReadOnlyList<string> Roles { get; private set; } = Array.Empty<string>();

        public bool IsApplication =>
            string.Equals(IdentityType, "app", StringComparison.OrdinalIgnoreCase) || (UserName is null && AppId is not null);

        /// <summary>Reads a JWT's payload; returns null when the token is not JWT-shaped (opaque tokens exist).</summary>
        public static TokenClaims? TryRead(string token)
        {
            if (string.IsNullOrEmpty(token)) return null;
            string[] parts = token.Split('.');
            if (parts.Length != 3) return null;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(Base64UrlDecode(parts[1]));
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                var claims = new TokenClaims
                {
                    ObjectId = ReadString(root, "oid"),
                    AppId = ReadString(root, "appid") ?? ReadString(root, "azp"),
                    UserName = ReadString(root, "upn") ?? ReadString(root, "preferred_username") ?? ReadString(root, "unique_name"),
                    IdentityType = ReadString(root, "idtyp"),
                    Audience = ReadString(root, "aud"),
                };
                if (Guid.TryParse(ReadString(root, "tid"), out Guid tid)) claims.TenantId = tid;
                if (root.TryGetProperty("roles", out JsonElement roles) && roles.ValueKind == JsonValueKind.Array)
                    claims.Roles = roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToList();
                if (root.TryGetProperty("exp", out JsonElement exp) && exp.TryGetInt64(out long seconds))
                    claims.ExpiresOn = DateTimeOffset.FromUnixTimeSeconds(seconds);
                return claims;
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
            {
                return null;
            }
        }

        private static string? ReadString(JsonElement root, string name) =>
            root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static byte[] Base64UrlDecode(string text)
        {
            string padded = text.Replace('-', '+').Replace('_', '/');
            padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
            return Convert.FromBase64String(padded);
        }
    }
}
