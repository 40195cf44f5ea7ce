using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrossTenantSecurity.Emulator.ResourceGraph.Kql;

namespace CrossTenantSecurity.Emulator.Tests
{
    /// <summary>The KQL subset over in-memory rows: every operator and function the module relies on.</summary>
    public class ResourceGraphKqlTests
    {
        private static readonly Guid SubA = FakeGraphData.SubscriptionId(1);
        private static readonly Guid SubB = FakeGraphData.SubscriptionId(2);

        private static List<JsonObject> Rows() => new()
        {
            Row(SubA, "a1", "Healthy", "High", 10, "Storage account allows public access", 1.5),
            Row(SubA, "a2", "Unhealthy", "Low", 20, "MFA should be enabled", 2.5),
            Row(SubB, "b1", "unhealthy", "Medium", 30, "Endpoint protection missing", null),
            Row(SubB, "b2", "NotApplicable", "High", 40, "storage encryption", 4.0),
        };

        private static JsonObject Row(Guid sub, string name, string code, string severity, long count, string displayName, double? ratio)
        {
            var properties = new JsonObject
            {
                ["status"] = new JsonObject { ["code"] = code },
                ["Status"] = new JsonObject { ["code"] = "CASED-" + code },
                ["metadata"] = new JsonObject { ["severity"] = severity },
                ["displayName"] = displayName,
                ["count"] = count,
                ["ratio"] = ratio,
                ["tags"] = new JsonArray("x", "y"),
                ["empty"] = string.Empty,
            };
            return FakeGraphData.Row($"/subscriptions/{sub}/providers/Microsoft.Security/assessments/{name}", name, "microsoft.security/assessments", sub, properties);
        }

        private static List<string> Names(string query) => Graph.Query(query, Rows()).Select(r => r["name"]!.GetValue<string>()).ToList();

        private static JsonObject Single(string query) => Assert.Single(Graph.Query(query, Rows()));

        [Theory]
        [InlineData("securityresources | where properties.status.code == 'Unhealthy'", "a2")]
        [InlineData("securityresources | where properties.status.code =~ 'UNHEALTHY'", "a2,b1")]
        [InlineData("securityresources | where properties.status.code != 'Healthy'", "a2,b1,b2")]
        [InlineData("securityresources | where properties.status.code !~ 'unhealthy'", "a1,b2")]
        [InlineData("securityresources | where toint(properties['count']) > 20", "b1,b2")]
        [InlineData("securityresources | where properties['count'] >= 20 and properties['count'] < 40", "a2,b1")]
        [InlineData("securityresources | where properties['count'] <= 10 or name == 'b2'", "a1,b2")]
        [InlineData("securityresources | where not(name == 'a1')", "a2,b1,b2")]
        [InlineData("securityresources | where name in ('a1', 'b1')", "a1,b1")]
        [InlineData("securityresources | where name !in ('a1', 'b1')", "a2,b2")]
        [InlineData("securityresources | where tostring(properties.metadata.severity) in~ ('high')", "a1,b2")]
        [InlineData("securityresources | where properties.displayName contains 'STORAGE'", "a1,b2")]
        [InlineData("securityresources | where properties.displayName has 'mfa'", "a2")]
        [InlineData("securityresources | where properties.displayName has 'stor'", "")]
        [InlineData("securityresources | where properties.displayName startswith 'storage'", "a1,b2")]
        [InlineData("securityresources | where properties.displayName endswith 'MISSING'", "b1")]
        [InlineData("securityresources | where properties.displayName !contains 'storage'", "a2,b1")]
        [InlineData("securityresources | where properties.displayName contains_cs 'Storage'", "a1")]
        [InlineData("securityresources | where isnotempty(properties.ratio)", "a1,a2,b2")]
        [InlineData("securityresources | where isempty(properties.empty) and isnull(properties.ratio)", "b1")]
        [InlineData("securityresources | where isnotnull(properties.ratio) and isempty(properties.missing)", "a1,a2,b2")]
        [InlineData("securityresources | where subscriptionId == '00000002-0000-4000-8000-000000000000'", "b1,b2")]
        [InlineData("SecurityResources | where type == 'microsoft.security/assessments' | where name == 'a1' // comment", "a1")]
        public void Where_filters_with_comparisons_logic_lists_and_string_operators(string query, string expected) =>
            Assert.Equal(expected, string.Join(",", Names(query)));

        [Fact]
        public void Property_names_inside_properties_are_case_sensitive()
        {
            Assert.Equal("CASED-Healthy", Single("securityresources | where name == 'a1' | project name, code = tostring(properties.Status.code)")["code"]!.GetValue<string>());
            Assert.Equal("Healthy", Single("securityresources | where name == 'a1' | project name, code = tostring(properties['status']['code'])")["code"]!.GetValue<string>());
            Assert.Equal(string.Empty, Single("securityresources | where name == 'a1' | project name, code = tostring(properties.STATUS.code)")["code"]!.GetValue<string>());
        }

        [Fact]
        public void Project_keeps_listed_columns_in_order_with_renames_and_suggested_names()
        {
            JsonObject row = Single("securityresources | where name == 'a2' | project name, key = name, tostring(properties.metadata.severity), properties.status, total = toint(properties['count']) * 2");
            Assert.Equal(new[] { "name", "key", "properties_metadata_severity", "properties_status", "total" }, row.Select(p => p.Key).ToArray());
            Assert.Equal("Low", row["properties_metadata_severity"]!.GetValue<string>());
            Assert.Equal("Unhealthy", row["properties_status"]!["code"]!.GetValue<string>());
            Assert.Equal(40, row["total"]!.GetValue<long>());
        }

        [Fact]
        public void Extend_adds_columns_that_later_ones_can_use_and_project_away_removes()
        {
            JsonObject row = Single("securityresources | where name == 'a1' | extend c = tolong(properties['count']), d = c + 1 | project-away properties, tenantId, location | project-rename resourceName = name");
            Assert.False(row.ContainsKey("properties"));
            Assert.False(row.ContainsKey("name"));
            Assert.Equal("a1", row["resourceName"]!.GetValue<string>());
            Assert.Equal(11, row["d"]!.GetValue<long>());
            Assert.Equal("id", row.First().Key);
        }

        [Fact]
        public void Order_by_sorts_descending_by_default_with_several_keys()
        {
            Assert.Equal(new[] { "b2", "b1", "a2", "a1" }, Names("securityresources | order by name"));
            Assert.Equal(new[] { "a1", "a2", "b1", "b2" }, Names("securityresources | sort by name asc"));
            Assert.Equal(new[] { "a1", "b2", "a2", "b1" }, Names("securityresources | extend s = tostring(properties.metadata.severity) | order by s asc, name asc"));
            Assert.Equal(new[] { "b1", "a1", "a2", "b2" }, Names("securityresources | order by todouble(properties.ratio) asc"));
            Assert.Equal(new[] { "b2", "a2", "a1", "b1" }, Names("securityresources | order by todouble(properties.ratio) desc"));
            Assert.Equal(new[] { "a1", "a2", "b2", "b1" }, Names("securityresources | order by todouble(properties.ratio) asc nulls last"));
        }

        [Fact]
        public void Take_limit_and_top_cut_rows()
        {
            Assert.Equal(2, Names("securityresources | take 2").Count);
            Assert.Equal(new[] { "a1" }, Names("securityresources | limit 1"));
            Assert.Equal(new[] { "b2", "b1" }, Names("securityresources | top 2 by name desc"));
        }

        [Fact]
        public void Summarize_counts_by_keys_and_aggregates()
        {
            var bySub = Graph.Query("securityresources | summarize count() by subscriptionId", Rows());
            Assert.Equal(2, bySub.Count);
            Assert.All(bySub, r => Assert.Equal(2, r["count_"]!.GetValue<long>()));
            Assert.Equal("subscriptionId", bySub[0].First().Key);

            JsonObject all = Single("securityresources | summarize n = count(), total = sum(toint(properties['count'])), mean = avg(todouble(properties.ratio)), lo = min(name), hi = max(toint(properties['count'])), unhealthy = countif(properties.status.code =~ 'unhealthy'), kinds = dcount(tostring(properties.metadata.severity))");
            Assert.Equal(4, all["n"]!.GetValue<long>());
            Assert.Equal(100, all["total"]!.GetValue<long>());
            Assert.Equal(8.0 / 3, all["mean"]!.GetValue<double>(), 6);
            Assert.Equal("a1", all["lo"]!.GetValue<string>());
            Assert.Equal(40, all["hi"]!.GetValue<long>());
            Assert.Equal(2, all["unhealthy"]!.GetValue<long>());
            Assert.Equal(3, all["kinds"]!.GetValue<long>());

            var bySeverity = Graph.Query("securityresources | summarize sum(toint(properties['count'])) by severity = tostring(properties.metadata.severity) | order by severity asc", Rows());
            Assert.Equal(new[] { "High", "Low", "Medium" }, bySeverity.Select(r => r["severity"]!.GetValue<string>()));
            Assert.Equal(50, bySeverity[0]["sum_properties_count"]!.GetValue<long>());

            Assert.Equal(0, Single("securityresources | where name == 'none' | summarize count()")["count_"]!.GetValue<long>());
            Assert.Equal(4, Single("securityresources | count")["Count"]!.GetValue<long>());
        }

        [Fact]
        public void Distinct_returns_unique_combinations()
        {
            var rows = Graph.Query("securityresources | distinct subscriptionId, type", Rows());
            Assert.Equal(2, rows.Count);
            Assert.Equal(new[] { "subscriptionId", "type" }, rows[0].Select(p => p.Key).ToArray());
        }

        [Fact]
        public void Conversion_functions_follow_kql()
        {
            JsonObject row = Single("securityresources | where name == 'a1' | project s = tostring(properties.status), n = tostring(properties['count']), i = toint('42'), l = tolong(properties.ratio), d = todouble('2.5'), r = toreal(properties['count']), b = tobool('true'), bad = toint('x'), e = tostring(properties.missing)");
            Assert.Equal("{\"code\":\"Healthy\"}", row["s"]!.GetValue<string>());
            Assert.Equal("10", row["n"]!.GetValue<string>());
            Assert.Equal(42, row["i"]!.GetValue<long>());
            Assert.Equal(1, row["l"]!.GetValue<long>());
            Assert.Equal(2.5, row["d"]!.GetValue<double>());
            Assert.Equal(10.0, row["r"]!.GetValue<double>());
            Assert.True(row["b"]!.GetValue<bool>());
            Assert.Null(row["bad"]);
            Assert.Equal(string.Empty, row["e"]!.GetValue<string>());
        }

        [Fact]
        public void Scalar_functions_iff_coalesce_round_strcat_case_split()
        {
            JsonObject row = Single("securityresources | where name == 'b1' | project "
                + "x = iff(properties['count'] > 25, 'big', 'small'), y = iif(false, 1, 2), "
                + "c = coalesce(tostring(properties.resourceDetails.Id), tostring(properties.displayName)), "
                + "r = round(2.0 / 3, 2), r0 = round(2.5), s = strcat(name, '-', properties['count']), lo = tolower('ABC'), up = toupper(name), "
                + "parts = split('a/b/c', '/'), second = split('a/b/c', '/')[1], len = strlen(name), k = case(name == 'x', 1, name == 'b1', 2, 3), "
                + "sub = substring('abcdef', 1, 3), n = array_length(properties.tags), neg = -properties['count'], dn = dynamic(null), rn = real(null), lit = dynamic(['p', 1])");
            Assert.Equal("big", row["x"]!.GetValue<string>());
            Assert.Equal(2, row["y"]!.GetValue<long>());
            Assert.Equal("Endpoint protection missing", row["c"]!.GetValue<string>());
            Assert.Equal(0.67, row["r"]!.GetValue<double>());
            Assert.Equal(3.0, row["r0"]!.GetValue<double>());
            Assert.Equal("b1-30", row["s"]!.GetValue<string>());
            Assert.Equal("abc", row["lo"]!.GetValue<string>());
            Assert.Equal("B1", row["up"]!.GetValue<string>());
            Assert.Equal(3, row["parts"]!.AsArray().Count);
            Assert.Equal("b", row["second"]!.GetValue<string>());
            Assert.Equal(2, row["len"]!.GetValue<long>());
            Assert.Equal(2, row["k"]!.GetValue<long>());
            Assert.Equal("bcd", row["sub"]!.GetValue<string>());
            Assert.Equal(2, row["n"]!.GetValue<long>());
            Assert.Equal(-30, row["neg"]!.GetValue<long>());
            Assert.Null(row["dn"]);
            Assert.Null(row["rn"]);
            Assert.Equal("[\"p\",1]", row["lit"]!.ToJsonString());
        }

        [Fact]
        public void Arithmetic_keeps_long_division_and_promotes_to_real()
        {
            JsonObject row = Single("securityresources | where name == 'a1' | project a = 7 / 2, b = 7.0 / 2, c = 7 % 3, d = 2 * 3 + 1 - 4, e = 1 / 0, f = properties.ratio * 2");
            Assert.Equal(3, row["a"]!.GetValue<long>());
            Assert.Equal(3.5, row["b"]!.GetValue<double>());
            Assert.Equal(1, row["c"]!.GetValue<long>());
            Assert.Equal(3, row["d"]!.GetValue<long>());
            Assert.Null(row["e"]);
            Assert.Equal(3.0, row["f"]!.GetValue<double>());
        }

        [Fact]
        public void Every_row_carries_tenantId_and_subscriptionId()
        {
            Assert.All(Graph.Query("securityresources", Rows()), r =>
            {
                Assert.Equal(FakeGraphData.Tenant.ToString(), r["tenantId"]!.GetValue<string>());
                Assert.False(string.IsNullOrEmpty(r["subscriptionId"]!.GetValue<string>()));
            });
        }

        [Fact]
        public void Output_schema_types_are_tracked_for_the_table_format()
        {
            KqlQuery query = KqlParser.Parse("securityresources | project id, n = toint(properties['count']), r = todouble(1), b = isempty(name), p = properties, t = todatetime('2024-01-01')");
            Assert.Equal(new[] { "string", "integer", "real", "boolean", "object", "datetime" }, query.Output.Columns.Select(c => c.Value.TableName()));
        }

        [Theory]
        [InlineData("resources | take 1", "UnknownTable")]
        [InlineData("securityresources | where nosuchcolumn == 1", "FailedToResolveScalarExpression")]
        [InlineData("securityresources | project x = nosuchfunction(name)", "UnknownFunction")]
        [InlineData("securityresources | where name ==", "ParserFailure")]
        [InlineData("securityresources | where (name == 'a'", "ParserFailure")]
        [InlineData("securityresources | mv-expand properties", "UnsupportedOperator")]
        [InlineData("securityresources | project name | where id == 'x'", "FailedToResolveScalarExpression")]
        [InlineData("securityresources | summarize percentile(name, 5)", "UnknownFunction")]
        [InlineData("securityresources | where name == 'unterminated", "ParserFailure")]
        [InlineData("securityresources | take", "ParserFailure")]
        [InlineData("securityresources | order by name asc nulls", "ParserFailure")]
        [InlineData("securityresources | take 99999999999999999999", "ParserFailure")]
        [InlineData("securityresources | where name == 'a' | project", "ParserFailure")]
        [InlineData("securityresources | where name = 'a'", "ParserFailure")]
        [InlineData("securityresources | where name == 'a' ; x", "ParserFailure")]
        public void Bad_queries_raise_kql_errors(string query, string code) =>
            Assert.Equal(code, Assert.Throws<KqlException>(() => KqlParser.Parse(query)).Code);

        [Fact]
        public void Secure_score_example_query_from_the_api_reference()
        {
            Guid tenant2 = Guid.Parse(EmulatorFixture.Tailspin);
            var rows = new List<JsonObject>
            {
                Graph.SecureScore(SubA, 30, 60, 60),
                Graph.SecureScore(SubB, 0, 0, 0, tenant2),
                Row(SubA, "other", "Healthy", "Low", 1, "not a score", null),
            };
            var result = Graph.Query(ApiReferenceQueries.SecureScore, rows);
            Assert.Equal(2, result.Count);
            Assert.Equal(new[] { "tenantId", "subscriptionId", "current", "maxScore", "percent", "weight" }, result[0].Select(p => p.Key).ToArray());
            Assert.Equal(50.0, result[0]["percent"]!.GetValue<double>());
            Assert.Equal(60, result[0]["weight"]!.GetValue<long>());
            Assert.Null(result[1]["percent"]);
            Assert.Equal(tenant2.ToString(), result[1]["tenantId"]!.GetValue<string>());
        }

        [Fact]
        public void Unhealthy_assessments_example_query_from_the_api_reference()
        {
            var rows = new List<JsonObject>
            {
                Graph.Assessment(SubA, "k1", "/subscriptions/x/vm1", "Unhealthy", "High", "Enable MFA", "OffByPolicy"),
                Graph.Assessment(SubA, "k2", "/subscriptions/x/vm2", "Healthy", "Low", "Patch VMs"),
                Graph.Assessment(SubB, "k3", "/subscriptions/y/vm3", "unhealthy", "Medium", "Encrypt disks", idProperty: "id"),
            };
            var result = Graph.Query(ApiReferenceQueries.UnhealthyAssessments, rows);
            Assert.Equal(new[] { "k1", "k3" }, result.Select(r => r["assessmentKey"]!.GetValue<string>()));
            Assert.Equal("/subscriptions/x/vm1", result[0]["resourceId"]!.GetValue<string>());
            Assert.Equal("High", result[0]["severity"]!.GetValue<string>());
            Assert.Equal("OffByPolicy", result[0]["cause"]!.GetValue<string>());
            Assert.Equal(string.Empty, result[1]["resourceId"]!.GetValue<string>());
            Assert.Equal(string.Empty, result[1]["cause"]!.GetValue<string>());
            Assert.EndsWith("/assessments/k1", result[0]["id"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    /// <summary>The example queries of the API reference (section 4.5), verbatim.</summary>
    internal static class ApiReferenceQueries
    {
        public const string SecureScore = """
            // Secure score per subscription, tagged with the owning tenant
            securityresources
            | where type == "microsoft.security/securescores"
            | extend current = todouble(properties.score.current),
                     maxScore = todouble(properties.score.max),
                     weight = tolong(properties.weight)
            | project tenantId, subscriptionId, current, maxScore,
                      percent = iff(maxScore > 0, round(100.0 * current / maxScore, 2), real(null)), weight
            """;

        public const string UnhealthyAssessments = """
            // Unhealthy recommendations with severity
            securityresources
            | where type == "microsoft.security/assessments"
            | where tostring(properties.status.code) =~ "Unhealthy"
            | project tenantId, subscriptionId, assessmentKey = name,
                      resourceId = tostring(properties.resourceDetails.Id),
                      recommendation = tostring(properties.displayName),
                      severity = tostring(properties.metadata.severity),
                      cause = tostring(properties.status.cause), id
            """;
    }
}
