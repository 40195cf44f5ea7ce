using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.Identity
{
    /// <summary>
    /// Issues and checks JWT-shaped access tokens (HS256 with a key that lives only in this process).
    /// Claims follow Entra v1 access tokens: aud, iss, iat, nbf, exp, tid, oid, appid, idtyp, and roles
    /// (the application permissions consented for the audience; absent when there are none, as in Entra).
    /// </summary>
    public sealed class TokenIssuer
    {
        private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
        private readonly Func<DateTimeOffset> _clock;

        public TokenIssuer(Func<DateTimeOffset>? clock = null)
        {
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public string Issue(Guid tenantId, Guid objectId, Guid? appId, string audience, TimeSpan lifetime, IReadOnlyCollection<string>? roles = null)
        {
            DateTimeOffset now = _clock();
            var payload = new JsonObject
            {
                ["aud"] = audience,
                ["iss"] = $"https://sts.windows.net/{tenantId}/",
                ["iat"] = now.ToUnixTimeSeconds(),
                ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
                ["tid"] = tenantId.ToString(),
                ["oid"] = objectId.ToString(),
                ["sub"] = objectId.ToString(),
                ["ver"] = "1.0",
            };
            if (appId is Guid app)
            {
                payload["appid"] = app.ToString();
                payload["idtyp"] = "app";
            }
            if (roles is { Count: > 0 }) payload["roles"] = new JsonArray(roles.Select(r => (JsonNode)JsonValue.Create(r)).ToArray());
            string header = Encode(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
            string body = Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
            return $"{header}.{body}.{Sign(header + "." + body)}";
        }

        /// <summary>Checks shape, signature, lifetime and audience, and reports failures as ARM does.</summary>
        public TokenCheck Check(string token, Func<string, bool> audienceAllowed, string allowedAudiences)
        {
            string[] parts = token.Split('.');
            if (parts.Length != 3) return TokenCheck.Fail("InvalidAuthenticationToken", "The access token is invalid.");
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1])), Encoding.ASCII.GetBytes(parts[2])))
                return TokenCheck.Fail("InvalidAuthenticationToken", "The access token has an invalid signature.");

            JsonElement claims;
            try
            {
                claims = JsonDocument.Parse(Decode(parts[1])).RootElement;
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                return TokenCheck.Fail("InvalidAuthenticationToken", "The access token is invalid.");
            }

            DateTimeOffset now = _clock();
            DateTimeOffset expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
            if (expires <= now)
                return TokenCheck.Fail("ExpiredAuthenticationToken",
                    $"The access token expiry UTC time '{expires.UtcDateTime:M/d/yyyy h:mm:ss tt}' is earlier than current UTC time '{now.UtcDateTime:M/d/yyyy h:mm:ss tt}'.");
            string audience = claims.GetProperty("aud").GetString() ?? string.Empty;
            if (!audienceAllowed(audience))
                return TokenCheck.Fail("InvalidAuthenticationTokenAudience",
                    $"The access token has been obtained for wrong audience or resource '{audience}'. It should exactly match with one of the allowed audiences {allowedAudiences}.");

            Guid.TryParse(claims.GetProperty("tid").GetString(), out Guid tenant);
            Guid.TryParse(claims.GetProperty("oid").GetString(), out Guid objectId);
            return TokenCheck.Ok(tenant, objectId);
        }

        private string Sign(string content)
        {
            using var hmac = new HMACSHA256(_key);
            return Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(content)));
        }

        private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static byte[] Decode(string text)
        {
            string padded = text.Replace('-', '+').Replace('_', '/');
            padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
            return Convert.FromBase64String(padded);
        }
    }

    public readonly record struct TokenCheck(bool Valid, Guid TenantId, Guid ObjectId, string? ErrorCode, string? ErrorMessage)
    {
        public static TokenCheck Ok(Guid tenantId, Guid objectId) => new(true, tenantId, objectId, null, null);
        public static TokenCheck Fail(string code, string message) => new(false, Guid.Empty, Guid.Empty, code, message);
    }
}
