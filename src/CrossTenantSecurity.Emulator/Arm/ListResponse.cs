using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrossTenantSecurity.Emulator.Posture;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>
    /// A pageable ARM list: { value, nextLink } with an absolute nextLink that keeps the request's query.
    /// Microsoft.Security lists reproduce a quirk: some chains start with 1-3 empty pages that still
    /// carry a nextLink (the scenario's EmptySecurityPageRate picks them, deterministically).
    /// </summary>
    internal static class ListResponse
    {
        public static IResult Create<T>(ProviderCall call, IReadOnlyList<T> all, Func<T, JsonNode> toJson, bool securityList = true)
        {
            var scenario = call.Runtime.Estate.Scenario;
            int pageSize = securityList ? scenario.SecurityPageSize : scenario.PageSize;
            string token = call.Query(Paging.SkipTokenParameter);
            int offset = 0, emptiesServed = 0;
            if (token.Length > 0 && !TryRead(token, out offset, out emptiesServed)) return ArmErrors.InvalidSkipToken();

            double emptyRate = Math.Max(scenario.EmptySecurityPageRate, call.Runtime.Options.Behaviour.EffectiveEmptyPageChainRate);
            int empties = securityList ? EmptyPagesFor(call, scenario.Seed, emptyRate) : 0;
            var value = new JsonArray();
            string? next;
            if (emptiesServed < empties)
            {
                next = NextLink(call, Write(0, emptiesServed + 1));
            }
            else
            {
                foreach (T item in all.Skip(offset).Take(pageSize)) value.Add(toJson(item));
                int following = offset + pageSize;
                next = following < all.Count ? NextLink(call, Write(following, emptiesServed)) : null;
            }
            var body = new JsonObject { ["value"] = value };
            if (next is not null) body["nextLink"] = next;
            // Straight to UTF-8: a page of 100 assessments with metadata is ~200 KB, built for every request.
            return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(body), "application/json; charset=utf-8");
        }

        private static int EmptyPagesFor(ProviderCall call, int seed, double rate)
        {
            if (rate <= 0) return 0;
            var random = StableId.Random(seed, "empty-pages", call.Http.Request.Path.Value ?? string.Empty, call.Caller.Principal.ObjectId);
            return random.NextDouble() < rate ? 1 + random.Next(3) : 0;
        }

        private static string NextLink(ProviderCall call, string token) => Paging.NextLink(call.Http.Request, call.Runtime.BaseUrl, token);

        private static string Write(int offset, int empties) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"s:{offset}:{empties}"));

        private static bool TryRead(string token, out int offset, out int empties)
        {
            offset = empties = 0;
            try
            {
                string[] parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
                return parts.Length == 3 && parts[0] == "s" && int.TryParse(parts[1], out offset) && int.TryParse(parts[2], out empties) && offset >= 0 && empties >= 0;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
