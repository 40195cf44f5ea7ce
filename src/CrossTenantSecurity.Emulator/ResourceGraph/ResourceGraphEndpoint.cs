using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Arm;
using CrossTenantSecurity.Emulator.ResourceGraph.Kql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>Microsoft.ResourceGraph: Resources (POST /providers/Microsoft.ResourceGraph/resources).</summary>
    internal static class ResourceGraphEndpoint
    {
        public const string Path = "/providers/Microsoft.ResourceGraph/resources";

        private static readonly ApiVersionRule ApiVersions = new("resources", "2021-03-01", "2022-10-01", "2024-04-01");

        public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime) =>
            app.MapPost(Path, (Delegate)((HttpContext context) => HandleAsync(context, runtime)));

        private static async Task<IResult> HandleAsync(HttpContext context, EmulatorRuntime runtime)
        {
            if (ApiVersions.Check(context.Request, out _) is { } versionError) return versionError;
            ArmCaller caller = ArmCaller.From(context);
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                return ArmErrors.Create(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized: '" + e.Message + "'.");
            }
            if (ResourceGraphRequest.TryRead(body, out ResourceGraphRequest request) is { } requestError) return requestError;
            return Execute(request, runtime.Graph ?? EmptyResourceGraphData.Instance, caller, runtime.Options.ResourceGraphUnstableOrder, context.Response);
        }

        /// <summary>Everything after the HTTP plumbing; headers go on the given response.</summary>
        public static IResult Execute(ResourceGraphRequest request, IResourceGraphData data, ArmCaller caller, bool unstableOrder, HttpResponse response)
        {
            KqlQuery query;
            try
            {
                query = KqlParser.Parse(request.Query);
            }
            catch (KqlException e)
            {
                return ResourceGraphErrors.InvalidQuery(e);
            }
            if (ResourceGraphScope.TryResolve(request, data, caller, out ResourceGraphScope scope) is { } scopeError) return scopeError;

            string binding = ResourceGraphSkipToken.Bind(request.Query, scope.Subscriptions);
            ResourceGraphSkipToken? resume = null;
            if (request.SkipToken is not null && (resume = ResourceGraphSkipToken.Decode(request.SkipToken, binding, out string reason)) is null)
                return ResourceGraphErrors.InvalidSkipToken(reason);

            ResourceGraphPage page = new ResourceGraphPager(data, caller, scope.Subscriptions, unstableOrder).Run(query, request.Top, request.Skip, resume, binding);
            byte[] json = ResourceGraphResponseWriter.Write(query.Output, page, request.TableFormat);
            if (json.LongLength > ResourceGraphResponseWriter.MaxPayloadBytes) return ResourceGraphErrors.PayloadTooLarge(json.LongLength);
            if (scope.TenantLimitHit) response.Headers[ResourceGraphScope.TenantLimitHeader] = "true";
            Behaviour.BehaviourItems.SetReturnedRows(response.HttpContext, page.Rows.Count); // per-row latency, when latency is on
            return Results.Bytes(json, "application/json; charset=utf-8");
        }
    }
}
