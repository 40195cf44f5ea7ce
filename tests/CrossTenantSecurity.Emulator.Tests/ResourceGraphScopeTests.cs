using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.ResourceGraph;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>Subscriptions[] and tenant scope, request validation and the table result format.</summary>
    public class ResourceGraphScopeTests
    {
        [Fact]
        public async Task More_than_1000_subscriptions_is_a_bad_request()
        {
            var subs = Enumerable.Range(1, 1001).Select(i => FakeGraphData.SubscriptionId(i).ToString());
            var (status, body, _) = await Graph.PostAsync(FakeGraphData.Generated(2, 1), Graph.Body("securityresources", subscriptions: subs));
            Assert.Equal(400, status);
            Assert.Equal("TooManySubscriptions", body["error"]!["details"]![0]!["code"]!.GetValue<string>());

            var (ok, _, _) = await Graph.PostAsync(FakeGraphData.Generated(2, 1), Graph.Body("securityresources", subscriptions: subs.Take(1000)));
            Assert.Equal(200, ok);
        }

        [Fact]
        public async Task Tenant_scope_is_capped_at_10000_subscriptions_with_a_header()
        {
            var data = FakeGraphData.Generated(10_001, 0);
            var (status, body, headers) = await Graph.PostAsync(data, Graph.Body("resourcecontainers | count"));
            Assert.Equal(200, status);
            Assert.Equal(10_000, body["data"]![0]!["Count"]!.GetValue<long>());
            Assert.Equal("true", headers[ResourceGraphScope.TenantLimitHeader].ToString());

            var (_, _, fewer) = await Graph.PostAsync(FakeGraphData.Generated(10_000, 0), Graph.Body("resourcecontainers | count"));
            Assert.False(fewer.ContainsKey(ResourceGraphScope.TenantLimitHeader));
        }

        [Fact]
        public async Task Subscriptions_the_caller_cannot_see_are_ignored()
        {
            var data = FakeGraphData.Generated(3, 10);
            data.Hidden = new HashSet<Guid> { FakeGraphData.SubscriptionId(2) };
            string[] requested = { FakeGraphData.SubscriptionId(1).ToString(), FakeGraphData.SubscriptionId(2).ToString(), "not-a-guid" };
            var (_, body, _) = await Graph.PostAsync(data, Graph.Body("securityresources | project id, subscriptionId", subscriptions: requested));
            Assert.Equal(10, body["totalRecords"]!.GetValue<long>());
            Assert.All(body["data"]!.AsArray(), r => Assert.Equal(FakeGraphData.SubscriptionId(1).ToString(), r!["subscriptionId"]!.GetValue<string>()));

            var (status, none, _) = await Graph.PostAsync(data, Graph.Body("securityresources", subscriptions: new[] { FakeGraphData.SubscriptionId(2).ToString() }));
            Assert.Equal(200, status);
            Assert.Equal(0, none["totalRecords"]!.GetValue<long>());
            Assert.Empty(none["data"]!.AsArray());
        }

        [Fact]
        public async Task Tenant_scope_covers_every_queryable_subscription()
        {
            var (_, body, headers) = await Graph.PostAsync(FakeGraphData.Generated(4, 10), Graph.Body("securityresources | summarize count() by subscriptionId"));
            Assert.Equal(4, body["totalRecords"]!.GetValue<long>());
            Assert.False(headers.ContainsKey(ResourceGraphScope.TenantLimitHeader));
        }

        [Fact]
        public async Task Management_group_scopes_are_refused()
        {
            var body = Graph.Body("securityresources");
            body["managementGroups"] = new JsonArray("customer-root");
            var (status, error, _) = await Graph.PostAsync(FakeGraphData.Generated(1, 1), body);
            Assert.Equal(400, status);
            Assert.Equal("UnsupportedManagementGroupScope", error["error"]!["details"]![0]!["code"]!.GetValue<string>());
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1001)]
        public async Task Top_must_be_between_1_and_1000(int top)
        {
            var (status, _, _) = await Graph.PostAsync(FakeGraphData.Generated(1, 1), Graph.Body("securityresources", top: top));
            Assert.Equal(400, status);
        }

        [Fact]
        public async Task A_missing_query_or_a_bad_query_is_a_bad_request()
        {
            var (status, body, _) = await Graph.PostAsync(FakeGraphData.Generated(1, 1), new JsonObject { ["subscriptions"] = new JsonArray() });
            Assert.Equal(400, status);
            Assert.Equal("InvalidQuery", body["error"]!["details"]![0]!["code"]!.GetValue<string>());

            (status, body, _) = await Graph.PostAsync(FakeGraphData.Generated(1, 1), Graph.Body("nosuchtable | take 1"));
            Assert.Equal(400, status);
            Assert.Equal("InvalidQuery", body["error"]!["details"]![0]!["code"]!.GetValue<string>());
            Assert.Equal("UnknownTable", body["error"]!["details"]![1]!["code"]!.GetValue<string>());
        }

        [Fact]
        public async Task Table_format_returns_typed_columns_and_row_arrays()
        {
            var (_, body, _) = await Graph.PostAsync(FakeGraphData.Generated(1, 3),
                Graph.Body("securityresources | project id, i = toint(properties.index), r = todouble(properties.index) / 2, ok = properties.status.code == 'Healthy', properties, tenantId | order by id asc", format: "table"));
            JsonNode data = body["data"]!;
            Assert.Equal(new[] { "id:string", "i:integer", "r:real", "ok:boolean", "properties:object", "tenantId:string" },
                data["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>() + ":" + c["type"]!.GetValue<string>()));
            JsonArray rows = data["rows"]!.AsArray();
            Assert.Equal(3, rows.Count);
            Assert.Equal(1, rows[1]![1]!.GetValue<long>());
            Assert.Equal(0.5, rows[1]![2]!.GetValue<double>());
            Assert.True(rows[1]![3]!.GetValue<bool>());
            Assert.Equal("Healthy", rows[1]![4]!["status"]!["code"]!.GetValue<string>());
            Assert.Equal(FakeGraphData.Tenant.ToString(), rows[1]![5]!.GetValue<string>());
            Assert.Equal(3, body["count"]!.GetValue<long>());
        }
    }
}
