using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>Slices a list into ARM pages with an absolute nextLink carrying api-version and $skiptoken.</summary>
    internal static class Paging
    {
        public const string SkipTokenParameter = "$skiptoken";

        /// <summary>Returns false when the request carries a skip token that this emulator did not issue.</summary>
        public static bool TryPage<T>(HttpRequest request, IReadOnlyList<T> all, int pageSize, Uri baseUrl, out List<T> page, out string? nextLink)
        {
            page = new List<T>();
            nextLink = null;
            int offset = 0;
            string token = request.Query[SkipTokenParameter].ToString();
            if (!string.IsNullOrEmpty(token) && !TryReadToken(token, out offset)) return false;

            page = all.Skip(offset).Take(pageSize).ToList();
            int next = offset + page.Count;
            if (next < all.Count) nextLink = NextLink(request, baseUrl, WriteToken(next));
            return true;
        }

        /// <summary>The request's own absolute URL with its query kept and the skip token replaced.</summary>
        public static string NextLink(HttpRequest request, Uri baseUrl, string skipToken)
        {
            var query = request.Query.Where(q => !q.Key.Equals(SkipTokenParameter, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
            query[SkipTokenParameter] = skipToken;
            return QueryHelpers.AddQueryString(new Uri(baseUrl, request.Path.Value!.TrimStart('/')).AbsoluteUri, query);
        }

        private static string WriteToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset));

        private static bool TryReadToken(string token, out int offset)
        {
            offset = 0;
            try
            {
                string text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), out offset) && offset >= 0;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
