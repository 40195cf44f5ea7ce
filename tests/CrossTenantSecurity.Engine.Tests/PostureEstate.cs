using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// A fake ARM for posture reads: subscriptions of one customer delegated to the MSP, routes for their Defender for
    /// Cloud lists, and Resource Graph answers per securityresources type.
    /// </summary>
    internal sealed class PostureEstate
    {
        public const string Customer = "22222222-2222-4222-8222-222222222222";
        public const string GraphPath = "/providers/Microsoft.ResourceGraph/resources";

        public PostureEstate(int subscriptions)
        {
            var items = new JsonArray();
            for (int i = 1; i <= subscriptions; i++)
            {
                items.Add(new JsonObject
                {
                    ["id"] = "/subscriptions/" + SubscriptionId(i),
                    ["subscriptionId"] = SubscriptionId(i),
                    ["tenantId"] = Customer,
                    ["displayName"] = "sub " + i,
                    ["state"] = "Enabled",
                    ["managedByTenants"] = new JsonArray(new JsonObject { ["tenantId"] = TestSupport.Msp.ToString() }),
                });
            }
            Arm = new FakeArm()
                .OnPath("/subscriptions", new JsonObject { ["value"] = items }.ToJsonString())
                .OnPath("/tenants", "{\"value\":[{\"tenantId\":\"" + Customer + "\",\"tenantCategory\":\"ProjectedBy\",\"displayName\":\"Contoso\"}]}");
        }

        public FakeArm Arm { get; }

        public static string SubscriptionId(int i) => $"5ab{i:D5}-0000-4000-8000-000000000000";

        /// <summary>The path of a Microsoft.Security collection of subscription <paramref name="i"/>, e.g. Security(1, "assessments").</summary>
        public static string Security(int i, string collection) => $"/subscriptions/{SubscriptionId(i)}/providers/Microsoft.Security/{collection}";

        public static string List(params JsonNode[] items) => new JsonObject { ["value"] = new JsonArray(items.Select(i => i.DeepClone()).ToArray()) }.ToJsonString();

        public static string Error(string code, string message = "refused") => new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString();

        public PostureEstate On(string path, string body, int status = 200)
        {
            Arm.OnPath(path, body, status);
            return this;
        }

        /// <summary>Answers Resource Graph queries: the rows of the queried type for the queried subscriptions (one page).</summary>
        public PostureEstate OnGraph(Func<string, string, IEnumerable<JsonObject>> rowsOfTypeAndSubscription)
        {
            Arm.OnPost(GraphPath, body =>
            {
                JsonNode request = JsonNode.Parse(body)!;
                string type = Regex.Match((string)request["query"]!, "type == '([^']+)'").Groups[1].Value;
                var rows = new JsonArray();
                foreach (JsonNode? id in request["subscriptions"]!.AsArray())
                {
                    foreach (JsonObject row in rowsOfTypeAndSubscription(type, (string)id!)) rows.Add(row.DeepClone());
                }
                var page = new JsonObject { ["totalRecords"] = rows.Count, ["count"] = rows.Count, ["data"] = rows, ["facets"] = new JsonArray(), ["resultTruncated"] = "false" };
                return new FakeResponse(200, page.ToJsonString(), ("x-ms-user-quota-remaining", "14"), ("x-ms-user-quota-resets-after", "00:00:05"));
            });
            return this;
        }

        /// <summary>An ARM item as a securityresources row of a subscription.</summary>
        public static JsonObject Row(string subscriptionId, string type, JsonNode item)
        {
            JsonObject row = item.DeepClone().AsObject();
            row["type"] = type;
            row["subscriptionId"] = subscriptionId;
            return row;
        }

        public static JsonObject Assessment(int i, string key, string status, string? severity, string resource = "vm1")
        {
            var properties = new JsonObject
            {
                ["displayName"] = "Assessment " + key,
                ["status"] = new JsonObject { ["code"] = status },
                ["resourceDetails"] = new JsonObject { ["source"] = "Azure", ["id"] = $"/subscriptions/{SubscriptionId(i)}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/{resource}" },
            };
            if (severity is not null) properties["metadata"] = new JsonObject { ["displayName"] = "Assessment " + key, ["severity"] = severity, ["categories"] = new JsonArray("Compute") };
            return new JsonObject
            {
                ["id"] = $"/subscriptions/{SubscriptionId(i)}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/{resource}/providers/Microsoft.Security/assessments/{key}",
                ["name"] = key,
                ["type"] = "Microsoft.Security/assessments",
                ["properties"] = properties,
            };
        }

        public CrossTenantClient Client() => TestSupport.Client(Arm, hedgeReads: false);

        public int Requests(string path) => Arm.Requests.Count(u => string.Equals(u.AbsolutePath, path, StringComparison.OrdinalIgnoreCase));

        public int GraphQueries(string type) =>
            Arm.Calls.Count(c => c.Uri.AbsolutePath == GraphPath && ((string)JsonNode.Parse(c.Body)!["query"]!).Contains($"type == '{type}'", StringComparison.Ordinal));
    }
}
