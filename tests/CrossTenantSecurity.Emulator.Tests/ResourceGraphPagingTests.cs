using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>ARG's paging rules: skip tokens, resultTruncated, take/limit, token binding, stable and unstable order.</summary>
    public class ResourceGraphPagingTests
    {
        private const string AllAssessments = "securityresources | where type == 'microsoft.security/assessments'";

        private static List<string> Ids(IEnumerable<JsonNode> pages) =>
            pages.SelectMany(p => p["data"]!.AsArray()).Select(r => r!["id"]!.GetValue<string>()).ToList();

        [Fact]
        public async Task Skip_token_is_returned_only_when_id_is_in_the_output()
        {
            var data = FakeGraphData.Generated(2, 150);
            var (_, withId, _) = await Graph.PostAsync(data, Graph.Body(AllAssessments + " | project id, name", top: 100));
            Assert.NotNull(withId["$skipToken"]);
            Assert.Equal("false", withId["resultTruncated"]!.GetValue<string>());
            Assert.Equal(300, withId["totalRecords"]!.GetValue<long>());
            Assert.Equal(100, withId["count"]!.GetValue<long>());

            var (_, withoutId, _) = await Graph.PostAsync(data, Graph.Body(AllAssessments + " | project name", top: 100));
            Assert.Null(withoutId["$skipToken"]);
            Assert.Equal("true", withoutId["resultTruncated"]!.GetValue<string>());
            Assert.Equal(300, withoutId["totalRecords"]!.GetValue<long>());

            var (_, noProject, _) = await Graph.PostAsync(data, Graph.Body(AllAssessments));
            Assert.NotNull(noProject["$skipToken"]);
            Assert.Equal(ResourceGraph.ResourceGraphRequest.DefaultTop, noProject["count"]!.GetValue<long>());
        }

        [Fact]
        public async Task Result_truncated_is_the_string_false_when_everything_fits()
        {
            var (status, body, _) = await Graph.PostAsync(FakeGraphData.Generated(1, 5), Graph.Body("securityresources | project name"));
            Assert.Equal(200, status);
            Assert.Equal(System.Text.Json.JsonValueKind.String, body["resultTruncated"]!.GetValueKind());
            Assert.Equal("false", body["resultTruncated"]!.GetValue<string>());
            Assert.Null(body["$skipToken"]);
            Assert.Empty(body["facets"]!.AsArray());
        }

        [Theory]
        [InlineData("securityresources | take 500")]
        [InlineData("securityresources | limit 500 | project id")]
        [InlineData("securityresources | top 500 by name asc")]
        [InlineData("securityresources | sample 500")]
        public async Task Take_and_limit_suppress_the_skip_token(string query)
        {
            var (_, body, _) = await Graph.PostAsync(FakeGraphData.Generated(1, 1000), Graph.Body(query, top: 100));
            Assert.Null(body["$skipToken"]);
            Assert.Equal("true", body["resultTruncated"]!.GetValue<string>());
            Assert.Equal(500, body["totalRecords"]!.GetValue<long>());
            Assert.Equal(100, body["count"]!.GetValue<long>());
        }

        [Fact]
        public async Task A_skip_token_only_works_with_its_own_query_and_scope()
        {
            var data = FakeGraphData.Generated(3, 100);
            var (_, first, _) = await Graph.PostAsync(data, Graph.Body(AllAssessments, top: 50));
            string token = first["$skipToken"]!.GetValue<string>();

            var (status, error, _) = await Graph.PostAsync(data, Graph.Body(AllAssessments + " | where name != 'x'", top: 50, skipToken: token));
            Assert.Equal(400, status);
            Assert.Equal("BadRequest", error["error"]!["code"]!.GetValue<string>());
            Assert.Equal("InvalidSkipToken", error["error"]!["details"]![0]!["code"]!.GetValue<string>());

            var (otherScope, _, _) = await Graph.PostAsync(data, Graph.Body(AllAssessments, top: 50, skipToken: token, subscriptions: new[] { FakeGraphData.SubscriptionId(1).ToString() }));
            Assert.Equal(400, otherScope);

            var (forged, _, _) = await Graph.PostAsync(data, Graph.Body(AllAssessments, top: 50, skipToken: "not-a-token"));
            Assert.Equal(400, forged);

            var (same, _, _) = await Graph.PostAsync(data, Graph.Body(AllAssessments, top: 50, skipToken: token));
            Assert.Equal(200, same);
        }

        [Fact]
        public async Task With_stable_order_pages_resume_without_gaps_or_duplicates()
        {
            var data = FakeGraphData.Generated(3, 250);
            var pages = await Graph.AllPagesAsync(data, AllAssessments + " | project id, name", top: 100);
            Assert.Equal(8, pages.Count);
            Assert.All(pages, p => Assert.Equal(750, p["totalRecords"]!.GetValue<long>()));
            Assert.All(pages, p => Assert.Equal("false", p["resultTruncated"]!.GetValue<string>()));
            List<string> ids = Ids(pages);
            Assert.Equal(750, ids.Count);
            Assert.Equal(750, ids.Distinct().Count());
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
        }

        [Fact]
        public async Task Filtered_pages_resume_inside_and_across_subscriptions()
        {
            var data = FakeGraphData.Generated(4, 100);
            var pages = await Graph.AllPagesAsync(data, "securityresources | where properties.status.code == 'Unhealthy' | project id", top: 30);
            List<string> ids = Ids(pages);
            Assert.Equal(4 * 34, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }

        [Fact]
        public async Task With_unstable_order_pages_overlap_or_skip_rows()
        {
            var data = FakeGraphData.Generated(3, 250);
            var pages = await Graph.AllPagesAsync(data, AllAssessments + " | project id, name", top: 100, unstableOrder: true);
            List<string> ids = Ids(pages);
            int duplicates = ids.Count - ids.Distinct().Count();
            int missing = 750 - ids.Distinct().Count();
            Assert.True(duplicates > 0 || missing > 0, "unstable order should duplicate or drop rows across pages");
            Assert.NotEqual(ids.OrderBy(i => i, StringComparer.Ordinal), ids);

            // Seeded: the same run repeats exactly.
            Assert.Equal(ids, Ids(await Graph.AllPagesAsync(data, AllAssessments + " | project id, name", top: 100, unstableOrder: true)));
        }

        [Fact]
        public async Task Order_by_id_asc_is_stable_even_with_the_unstable_knob()
        {
            var data = FakeGraphData.Generated(3, 250);
            var pages = await Graph.AllPagesAsync(data, AllAssessments + " | order by id asc | project id", top: 100, unstableOrder: true);
            List<string> ids = Ids(pages);
            Assert.Equal(750, ids.Distinct().Count());
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
        }

        [Fact]
        public async Task Other_orders_are_materialised_and_paged_by_offset()
        {
            var data = FakeGraphData.Generated(3, 120);
            var pages = await Graph.AllPagesAsync(data, "securityresources | extend i = toint(properties.index) | order by i desc, id asc | project id, i", top: 100);
            Assert.Equal(4, pages.Count);
            var rows = pages.SelectMany(p => p["data"]!.AsArray()).ToList();
            Assert.Equal(360, rows.Select(r => r!["id"]!.GetValue<string>()).Distinct().Count());
            var order = rows.Select(r => r!["i"]!.GetValue<long>()).ToList();
            Assert.Equal(order.OrderByDescending(i => i), order);
        }

        [Fact]
        public async Task Summarize_runs_over_the_whole_scope_on_the_first_page()
        {
            var (_, body, _) = await Graph.PostAsync(FakeGraphData.Generated(5, 300), Graph.Body("securityresources | summarize count() by tostring(properties.status.code)", top: 1));
            Assert.Equal(2, body["totalRecords"]!.GetValue<long>());
            Assert.Equal("true", body["resultTruncated"]!.GetValue<string>());
            var (_, all, _) = await Graph.PostAsync(FakeGraphData.Generated(5, 300), Graph.Body("securityresources | summarize n = count()"));
            Assert.Equal(1500, all["data"]![0]!["n"]!.GetValue<long>());
        }

        [Fact]
        public async Task Skip_option_offsets_the_first_page()
        {
            var (_, body, _) = await Graph.PostAsync(FakeGraphData.Generated(2, 10), Graph.Body("securityresources | project id, name", top: 5, skip: 12));
            Assert.Equal(new[] { "0000002", "0000003", "0000004", "0000005", "0000006" }, body["data"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        }

        [Fact]
        public async Task Paging_300000_rows_in_natural_order_reads_each_row_about_twice()
        {
            // One subscription: resuming relies on RowsAfter seeking. Many: on skipping earlier subscriptions.
            var single = FakeGraphData.Generated(1, 300_000);
            single.CanSeek = true;
            var pages = await Graph.AllPagesAsync(single, AllAssessments + " | project id", top: 1000);
            Assert.Equal(300, pages.Count);
            Assert.Equal(300_000, Ids(pages).Distinct().Count());
            Assert.True(single.Produced < 2 * 300_000 + 300 * 2, $"produced {single.Produced} rows");

            var many = FakeGraphData.Generated(600, 500);
            pages = await Graph.AllPagesAsync(many, AllAssessments + " | project id", top: 1000);
            Assert.Equal(300_000, Ids(pages).Distinct().Count());
            Assert.True(many.Produced < 3 * 300_000 + 300 * 2, $"produced {many.Produced} rows");
        }

        [Fact]
        public async Task Responses_over_16_MiB_are_refused()
        {
            string big = new('x', 20_000);
            var rows = Enumerable.Range(0, 1000).Select(i => FakeGraphData.Row($"/subscriptions/{FakeGraphData.SubscriptionId(1)}/r/{i:D4}", "r", "t", FakeGraphData.SubscriptionId(1), new JsonObject { ["blob"] = big }));
            var (status, body, _) = await Graph.PostAsync(FakeGraphData.FromRows(rows), Graph.Body("securityresources", top: 1000));
            Assert.Equal(400, status);
            Assert.Equal("ResponsePayloadTooLarge", body["error"]!["code"]!.GetValue<string>());
        }
    }
}
