using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Arm;
using CrossTenantSecurity.Emulator.ResourceGraph;
using CrossTenantSecurity.Emulator.ResourceGraph.Kql;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>
    /// A cheap, lazy Resource Graph data source: fixed rows, or generated rows (count per subscription) whose
    /// ids sort by index, so the fake can seek. Counts every row it produces.
    /// </summary>
    internal sealed class FakeGraphData : IResourceGraphData
    {
        public static readonly Guid Tenant = Guid.Parse(EmulatorFixture.Northwind);

        private readonly List<Guid> _subscriptions;
        private readonly Dictionary<Guid, List<JsonObject>> _fixed = new();
        private readonly int _generatedPerSubscription;

        private FakeGraphData(List<Guid> subscriptions, int generatedPerSubscription)
        {
            _subscriptions = subscriptions;
            _generatedPerSubscription = generatedPerSubscription;
        }

        public long Produced { get; private set; }
        public bool CanSeek { get; set; }
        public HashSet<Guid>? Hidden { get; set; }

        public static FakeGraphData FromRows(IEnumerable<JsonObject> rows)
        {
            var data = new FakeGraphData(new List<Guid>(), 0);
            foreach (JsonObject row in rows)
            {
                Guid sub = Guid.Parse(row["subscriptionId"]!.GetValue<string>());
                if (!data._fixed.TryGetValue(sub, out var list)) data._subscriptions.Add(sub);
                (data._fixed[sub] = list ?? new List<JsonObject>()).Add(row);
            }
            foreach (var list in data._fixed.Values) list.Sort((a, b) => string.CompareOrdinal(a["id"]!.GetValue<string>(), b["id"]!.GetValue<string>()));
            data._subscriptions.Sort();
            return data;
        }

        public static FakeGraphData Generated(int subscriptions, int rowsPerSubscription) =>
            new(Enumerable.Range(1, subscriptions).Select(SubscriptionId).ToList(), rowsPerSubscription);

        public static Guid SubscriptionId(int n) => Guid.Parse($"{n:x8}-0000-4000-8000-000000000000");

        public IReadOnlyList<Guid> QueryableSubscriptions(ArmCaller caller) =>
            Hidden is null ? _subscriptions : _subscriptions.Where(s => !Hidden.Contains(s)).ToList();

        public IEnumerable<JsonObject> Rows(string table, ArmCaller caller, IReadOnlyList<Guid> subscriptions)
        {
            foreach (Guid sub in subscriptions)
            {
                if (Hidden?.Contains(sub) == true) continue;
                foreach (JsonObject row in RowsOf(table, sub, 0))
                {
                    Produced++;
                    yield return row;
                }
            }
        }

        public IEnumerable<JsonObject> RowsAfter(string table, ArmCaller caller, Guid subscription, string afterId)
        {
            if (!CanSeek || _fixed.Count > 0 || table != "securityresources")
                return ((IResourceGraphData)this).DefaultRowsAfter(table, caller, subscription, afterId);
            int start = int.Parse(afterId.Substring(afterId.LastIndexOf('/') + 1), CultureInfo.InvariantCulture) + 1;
            return Count(RowsOf(table, subscription, start));
        }

        private IEnumerable<JsonObject> Count(IEnumerable<JsonObject> rows)
        {
            foreach (JsonObject row in rows)
            {
                Produced++;
                yield return row;
            }
        }

        private IEnumerable<JsonObject> RowsOf(string table, Guid sub, int start)
        {
            if (table == "resourcecontainers")
            {
                yield return Row($"/subscriptions/{sub}", sub.ToString(), "microsoft.resources/subscriptions", sub, new JsonObject { ["state"] = "Enabled" });
                yield break;
            }
            if (_fixed.TryGetValue(sub, out var rows))
            {
                foreach (JsonObject row in rows) yield return (JsonObject)row.DeepClone();
                yield break;
            }
            for (int i = start; i < _generatedPerSubscription; i++)
            {
                string name = i.ToString("D7", CultureInfo.InvariantCulture);
                yield return Row($"/subscriptions/{sub}/providers/Microsoft.Security/assessments/{name}", name, "microsoft.security/assessments", sub,
                    new JsonObject { ["status"] = new JsonObject { ["code"] = i % 3 == 0 ? "Unhealthy" : "Healthy" }, ["index"] = i });
            }
        }

        public static JsonObject Row(string id, string name, string type, Guid subscription, JsonObject properties, Guid? tenant = null) => new()
        {
            ["id"] = id,
            ["name"] = name,
            ["type"] = type,
            ["tenantId"] = (tenant ?? Tenant).ToString(),
            ["subscriptionId"] = subscription.ToString(),
            ["resourceGroup"] = string.Empty,
            ["location"] = "westeurope",
            ["properties"] = properties,
        };
    }

    /// <summary>Exposes the interface's default RowsAfter to a class that overrides it.</summary>
    internal static class GraphDataDefaults
    {
        public static IEnumerable<JsonObject> DefaultRowsAfter(this IResourceGraphData data, string table, ArmCaller caller, Guid subscription, string afterId) =>
            ((IResourceGraphData)new DefaultSeek(data)).RowsAfter(table, caller, subscription, afterId);

        private sealed class DefaultSeek : IResourceGraphData
        {
            private readonly IResourceGraphData _inner;

            public DefaultSeek(IResourceGraphData inner) => _inner = inner;

            public IReadOnlyList<Guid> QueryableSubscriptions(ArmCaller caller) => _inner.QueryableSubscriptions(caller);

            public IEnumerable<JsonObject> Rows(string table, ArmCaller caller, IReadOnlyList<Guid> subscriptions) => _inner.Rows(table, caller, subscriptions);
        }
    }

    /// <summary>Rows shaped like real securityresources rows, and in-process calls of the endpoint.</summary>
    internal static class Graph
    {
        public static readonly ArmCaller Caller = new(Guid.Parse(EmulatorFixture.Msp), new ScenarioPrincipal { TenantId = Guid.Parse(EmulatorFixture.Msp), ObjectId = Guid.NewGuid() });

        public static JsonObject SecureScore(Guid sub, double current, double max, long weight, Guid? tenant = null) =>
            FakeGraphData.Row($"/subscriptions/{sub}/providers/Microsoft.Security/secureScores/ascScore", "ascScore", "microsoft.security/securescores", sub,
                new JsonObject
                {
                    ["displayName"] = "ASC score",
                    ["score"] = new JsonObject { ["current"] = current, ["max"] = max, ["percentage"] = max > 0 ? current / max : 0 },
                    ["weight"] = weight,
                }, tenant);

        public static JsonObject Assessment(Guid sub, string key, string resourceId, string code, string severity, string displayName, string? cause = null, string idProperty = "Id") =>
            FakeGraphData.Row($"/subscriptions/{sub}/providers/Microsoft.Security/assessments/{key}", key, "microsoft.security/assessments", sub,
                new JsonObject
                {
                    ["resourceDetails"] = new JsonObject { ["Source"] = "Azure", [idProperty] = resourceId },
                    ["displayName"] = displayName,
                    ["status"] = cause is null ? new JsonObject { ["code"] = code } : new JsonObject { ["code"] = code, ["cause"] = cause },
                    ["metadata"] = new JsonObject { ["displayName"] = displayName, ["severity"] = severity, ["assessmentType"] = "BuiltIn" },
                });

        /// <summary>Runs a query over rows and returns the output rows as JSON objects (objectArray format).</summary>
        public static List<JsonObject> Query(string query, IEnumerable<JsonObject> rows)
        {
            KqlQuery parsed = KqlParser.Parse(query);
            var page = new ResourceGraphPage(parsed.Run(rows.Select(KqlRow.FromJson)).ToList(), 0, false, null);
            var json = JsonNode.Parse(ResourceGraphResponseWriter.Write(parsed.Output, page, table: false))!;
            return json["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
        }

        public static JsonObject Body(string query, object? top = null, string? skipToken = null, IEnumerable<string>? subscriptions = null, string? format = null, int? skip = null)
        {
            var options = new JsonObject();
            if (top is not null) options["$top"] = JsonValue.Create(top);
            if (skip is not null) options["$skip"] = skip;
            if (skipToken is not null) options["$skipToken"] = skipToken;
            if (format is not null) options["resultFormat"] = format;
            var body = new JsonObject { ["query"] = query, ["options"] = options };
            if (subscriptions is not null) body["subscriptions"] = new JsonArray(subscriptions.Select(s => (JsonNode?)s).ToArray());
            return body;
        }

        /// <summary>The endpoint without HTTP: status, body and response headers.</summary>
        public static async Task<(int Status, JsonNode Body, IHeaderDictionary Headers)> PostAsync(IResourceGraphData data, JsonObject body, bool unstableOrder = false)
        {
            var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
            context.Response.Body = new MemoryStream();
            // Re-parsed so that values look exactly as they do when read from an HTTP body.
            IResult result = ResourceGraphRequest.TryRead(JsonNode.Parse(body.ToJsonString()), out ResourceGraphRequest request)
                ?? ResourceGraphEndpoint.Execute(request, data, Caller, unstableOrder, context.Response);
            await result.ExecuteAsync(context);
            context.Response.Body.Position = 0;
            return (context.Response.StatusCode, JsonNode.Parse(context.Response.Body)!, context.Response.Headers);
        }

        /// <summary>Follows $skipToken to the end; returns every page.</summary>
        public static async Task<List<JsonNode>> AllPagesAsync(IResourceGraphData data, string query, int top, bool unstableOrder = false)
        {
            var pages = new List<JsonNode>();
            string? token = null;
            do
            {
                var (status, body, _) = await PostAsync(data, Body(query, top, token), unstableOrder);
                Assert.Equal(200, status);
                pages.Add(body);
                token = body["$skipToken"]?.GetValue<string>();
            }
            while (token is not null);
            return pages;
        }
    }
}
