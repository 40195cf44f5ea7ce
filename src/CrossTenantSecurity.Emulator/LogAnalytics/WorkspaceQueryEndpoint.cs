using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Identity;
using CrossTenantSecurity.Emulator.ResourceGraph.Kql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrossTenantSecurity.Emulator.LogAnalytics
{
    /// <summary>
    /// The Log Analytics query API: POST /v1/workspaces/{workspaceId}/query with {query}, answered as
    /// {tables:[{name:"PrimaryResult",columns,rows}]} over the rows ingested into that workspace, with the Resource
    /// Graph KQL subset. Errors in the service's shape: {error:{message,code,correlationId,innererror}}.
    /// </summary>
    internal static class WorkspaceQueryEndpoint
    {
        public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime) =>
            app.MapPost("/v1/workspaces/{workspaceId}/query", (Delegate)((HttpContext context) =>
                HandleAsync(context, runtime, (string)context.Request.RouteValues["workspaceId"]!)));

        private static async Task<IResult> HandleAsync(HttpContext context, EmulatorRuntime runtime, string workspaceId)
        {
            TokenCheck token = BearerToken.Check(context, runtime, TokenResource.LogAnalytics, string.Join(", ", runtime.Options.Audiences.LogAnalytics));
            if (!token.Valid) return Error(401, "InvalidTokenError", token.ErrorMessage!, token.ErrorCode, null);
            LogAnalyticsOptions options = runtime.Options.LogAnalytics;
            if (!Guid.TryParse(workspaceId, out Guid workspace) ||
                !(options.Workspaces.Contains(workspace) || options.Rules.Any(r => r.Streams.Values.Any(s => s.WorkspaceId == workspace))))
                return Error(404, "WorkspaceNotFoundError", $"The workspace {workspaceId} could not be found", null, null);

            string? text;
            try
            {
                JsonNode? body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                text = (string?)body?["query"];
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                text = null;
            }
            if (string.IsNullOrWhiteSpace(text)) return Error(400, "BadArgumentError", "The request had some invalid properties", "QueryMissing", "The body needs a 'query' string.");

            KqlQuery query;
            try
            {
                query = KqlParser.Parse(text, WorkspaceTables.Schema, WorkspaceTables.Names);
            }
            catch (KqlException e)
            {
                return Error(400, "BadArgumentError", "The request had some invalid properties", e.Code == "UnknownTable" ? "SEM0100" : "SYN0002", e.Message);
            }
            var rows = query.Run(runtime.Workspaces.Rows(workspace, query.Table)).ToList();
            var columns = new JsonArray(query.Output.Columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Key, ["type"] = WorkspaceTables.TypeName(c.Value) }).ToArray());
            var table = new JsonArray(rows.Select(r => (JsonNode)new JsonArray(query.Output.Names.Select(n => Value(r[n])).ToArray())).ToArray());
            return Results.Json(new JsonObject
            {
                ["tables"] = new JsonArray(new JsonObject { ["name"] = "PrimaryResult", ["columns"] = columns, ["rows"] = table }),
            });
        }

        private static JsonNode? Value(object? value) => value switch
        {
            DateTime t => JsonValue.Create(KqlValues.FormatDate(t)),
            _ => KqlValues.ToJsonNode(value),
        };

        private static IResult Error(int status, string code, string message, string? innerCode, string? innerMessage)
        {
            var error = new JsonObject { ["message"] = message, ["code"] = code, ["correlationId"] = Guid.NewGuid().ToString() };
            if (innerCode is not null) error["innererror"] = new JsonObject { ["code"] = innerCode, ["message"] = innerMessage ?? message };
            return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
        }
    }
}
