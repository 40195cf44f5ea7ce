using System;
using System.IO;
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
    /// The Logs Ingestion API of a data collection endpoint: POST /dataCollectionRules/{immutableId}/streams/{stream}
    /// ?api-version=2023-01-01 with a JSON array, 204 when taken. The token must be for Azure Monitor and from the
    /// rule's tenant; bodies over 1 MB are 413, bodies that are not a JSON array of objects 400, unknown rules and streams 404.
    /// </summary>
    internal static class IngestionEndpoint
    {
        public const int MaxBodyBytes = 1024 * 1024;

        public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime) =>
            app.MapPost("/dataCollectionRules/{ruleId}/streams/{stream}", (Delegate)((HttpContext context) =>
                HandleAsync(context, runtime, (string)context.Request.RouteValues["ruleId"]!, (string)context.Request.RouteValues["stream"]!)));

        private static async Task<IResult> HandleAsync(HttpContext context, EmulatorRuntime runtime, string ruleId, string stream)
        {
            if (context.Request.Query["api-version"].ToString() is not "2023-01-01" and not "2021-11-01-preview")
                return Error(400, "InvalidApiVersion", $"The api-version '{context.Request.Query["api-version"]}' is not supported; use 2023-01-01.");
            TokenCheck token = BearerToken.Check(context, runtime, TokenResource.MonitorIngestion, string.Join(", ", runtime.Options.Audiences.MonitorIngestion));
            if (!token.Valid) return Error(401, token.ErrorCode!, token.ErrorMessage!);

            DataCollectionRuleOptions? rule = runtime.Options.LogAnalytics.Rules.FirstOrDefault(r => string.Equals(r.ImmutableId, ruleId, StringComparison.OrdinalIgnoreCase));
            if (rule is null) return Error(404, "NotFound", $"Data collection rule with immutable Id '{ruleId}' not found.");
            Guid ruleTenant = rule.TenantId ?? runtime.Estate.Scenario.Tenants.FirstOrDefault()?.Id ?? Guid.Empty;
            if (token.TenantId != ruleTenant)
                return Error(403, "OperationFailed", $"The authentication token provided does not have access to ingest data for the data collection rule with immutable Id '{ruleId}'.");
            if (!rule.Streams.TryGetValue(stream, out StreamRoute? route) || WorkspaceTables.Schema(route.Table) is not KqlSchema schema)
                return Error(404, "InvalidStream", $"Stream '{stream}' is not declared in data collection rule '{ruleId}'.");

            byte[] body;
            using (var buffer = new MemoryStream())
            {
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
                body = buffer.ToArray();
            }
            if (body.Length > MaxBodyBytes) return Error(413, "ContentLengthLimitExceeded", $"Maximum allowed content length: {MaxBodyBytes} bytes. Provided content length: {body.Length} bytes.");
            JsonArray? rows;
            try
            {
                rows = JsonNode.Parse(body) as JsonArray;
            }
            catch (JsonException)
            {
                rows = null;
            }
            if (rows is null || rows.Any(r => r is not JsonObject))
                return Error(400, "InvalidContent", "The request body must be a JSON array of objects.");

            runtime.Workspaces.Add(route.WorkspaceId, route.Table, schema, rows.Cast<JsonObject>());
            return Results.NoContent();
        }

        /// <summary>The service's error shape: {"error":{"code","message"}}.</summary>
        private static IResult Error(int status, string code, string message) =>
            Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, statusCode: status);
    }
}
