using System;
using System.Text;
using System.Text.RegularExpressions;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>Removes what must never reach a stream: JWTs anywhere in a text, and the values of secret-bearing query parameters.</summary>
    internal static class SecretRedactor
    {
        public const string Redacted = "[redacted]";

        private static readonly Regex Jwt = new Regex(@"eyJ[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]*(\.[A-Za-z0-9_\-]*)?", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        private static readonly string[] SecretParameters =
        {
            "sig", "signature", "token", "access_token", "refresh_token", "id_token", "code", "client_secret", "client_assertion", "assertion", "password",
        };

        public static string Text(string? text) => string.IsNullOrEmpty(text) ? string.Empty : Jwt.Replace(text, Redacted);

        public static string Url(Uri uri)
        {
            string query = uri.Query;
            if (query.Length <= 1) return Text(uri.AbsoluteUri);
            var kept = new StringBuilder();
            foreach (string pair in query.Substring(1).Split('&'))
            {
                if (kept.Length > 0) kept.Append('&');
                int equals = pair.IndexOf('=');
                string name = equals < 0 ? pair : pair.Substring(0, equals);
                kept.Append(equals >= 0 && IsSecret(Uri.UnescapeDataString(name)) ? name + "=" + Redacted : pair);
            }
            return Text(uri.GetLeftPart(UriPartial.Path) + "?" + kept);
        }

        private static bool IsSecret(string name)
        {
            foreach (string secret in SecretParameters)
            {
                if (string.Equals(secret, name, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }
}
