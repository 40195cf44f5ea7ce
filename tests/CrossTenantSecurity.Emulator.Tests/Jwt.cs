using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>Reads what the emulator's Entra answers: the claims of a token, or an error body.</summary>
    internal static class Jwt
    {
        public static JsonNode Claims(string token)
        {
            string part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
            return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part + new string('=', (4 - part.Length % 4) % 4))))!;
        }

        public static string[] Roles(JsonNode claims) =>
            claims["roles"]?.AsArray().Select(r => r!.GetValue<string>()).ToArray() ?? Array.Empty<string>();

        /// <summary>The access token a successful token response carries.</summary>
        public static async Task<string> TokenOfAsync(HttpResponseMessage response)
        {
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            return JsonNode.Parse(text)!["access_token"]!.GetValue<string>();
        }

        public static async Task<JsonNode> ClaimsOfAsync(HttpResponseMessage response) => Claims(await TokenOfAsync(response));

        /// <summary>Entra's error body: status, OAuth error, error_codes and the AADSTS-prefixed description. Returns the description.</summary>
        public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status, string error, int code)
        {
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
            JsonNode body = JsonNode.Parse(text)!;
            Assert.Equal(error, body["error"]!.GetValue<string>());
            Assert.Equal(new[] { code }, body["error_codes"]!.AsArray().Select(c => c!.GetValue<int>()));
            string description = body["error_description"]!.GetValue<string>();
            Assert.StartsWith($"AADSTS{code}: ", description, StringComparison.Ordinal);
            return description;
        }
    }
}
