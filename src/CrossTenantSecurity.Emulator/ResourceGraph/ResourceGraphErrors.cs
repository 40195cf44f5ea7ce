using CrossTenantSecurity.Emulator.ResourceGraph.Kql;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.ResourceGraph
{
    /// <summary>ARG's error bodies: ARM's shape with a BadRequest code and the specific reason under details.</summary>
    internal static class ResourceGraphErrors
    {
        public static IResult BadRequest(string detailCode, string detailMessage) =>
            Results.Json(new
            {
                error = new
                {
                    code = "BadRequest",
                    message = "Please provide below info when asking for support: the request was rejected by the Resource Graph emulator.",
                    details = new[] { new { code = detailCode, message = detailMessage } },
                },
            }, statusCode: 400);

        /// <summary>A query that does not parse or bind: InvalidQuery plus the parser's own reason, as ARG answers.</summary>
        public static IResult InvalidQuery(KqlException error) =>
            Results.Json(new
            {
                error = new
                {
                    code = "BadRequest",
                    message = "Please provide below info when asking for support: the query was rejected by the Resource Graph emulator.",
                    details = new[]
                    {
                        new { code = "InvalidQuery", message = "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying." },
                        new { code = error.Code, message = error.Message },
                    },
                },
            }, statusCode: 400);

        public static IResult TooManySubscriptions(int count) =>
            BadRequest("TooManySubscriptions",
                $"The request lists {count} subscriptions; at most {ResourceGraphScope.MaxRequestSubscriptions} may be queried in one request. Split the subscriptions into batches of {ResourceGraphScope.MaxRequestSubscriptions}.");

        public static IResult ManagementGroupsUnsupported() =>
            BadRequest("UnsupportedManagementGroupScope",
                "Management group scopes are not served by the emulator: customer management groups are not delegated through Azure Lighthouse. Scope the query by subscription ids.");

        public static IResult InvalidSkipToken(string reason) => BadRequest("InvalidSkipToken", reason);

        public static IResult PayloadTooLarge(long size) =>
            Arm.ArmErrors.Create(400, "ResponsePayloadTooLarge",
                $"Response payload size is {size}, and has exceeded the limit of {ResourceGraphResponseWriter.MaxPayloadBytes}. Please consider querying less data at a time and make paginated call if needed.");
    }
}
