using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>ARM's error body: { "error": { "code", "message" } }.</summary>
    internal static class ArmErrors
    {
        public static IResult Create(int status, string code, string message) =>
            Results.Json(new { error = new { code, message } }, statusCode: status);

        public static IResult MissingApiVersion() =>
            Create(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");

        public static IResult InvalidApiVersion(string version, string resourceType, string supported) =>
            Create(400, "InvalidApiVersionParameter",
                $"The api-version '{version}' is invalid. The supported versions are '{supported}'. The resource type '{resourceType}' does not support it.");

        public static IResult SubscriptionNotFound(string id) =>
            Create(404, "SubscriptionNotFound", $"The subscription '{id}' could not be found.");

        public static IResult InvalidSkipToken() =>
            Create(400, "InvalidSkipToken", "The provided skip token is invalid or has expired.");
    }
}
