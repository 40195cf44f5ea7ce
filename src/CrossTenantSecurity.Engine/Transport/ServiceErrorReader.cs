using System;
using System.Text.Json;
using Azure;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Turns a non-success response into a <see cref="ServiceRequestException"/>. Reads ARM's {error:{code,message}},
    /// Graph's and Defender for Endpoint's {error:{code,message,innerError}} and Log Analytics' {error:{code,message,
    /// details,innererror}}, whose innermost innererror names the actual problem (a KQL semantic error, say).
    /// </summary>
    internal static class ServiceErrorReader
    {
        public static ServiceRequestException Read(Response response, RequestScope? scope, TimeProvider time)
        {
            string? code = null;
            string message = $"The service returned HTTP {response.Status}.";
            string? requestId = null;
            try
            {
                using JsonDocument body = JsonDocument.Parse(response.Content.ToMemory());
                JsonElement root = body.RootElement;
                JsonElement error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object
                    ? nested
                    : root; // a few resource providers put code and message at the top
                if (error.ValueKind == JsonValueKind.Object)
                {
                    code = Text(error, "code");
                    if (Text(error, "message") is { Length: > 0 } text) message = text;
                    JsonElement? inner = Innermost(error);
                    if (inner is JsonElement detail && Text(detail, "message") is { Length: > 0 } why && why != message)
                        message = $"{message} ({Text(detail, "code") ?? "detail"}: {why})";
                    requestId = inner is JsonElement withId ? Text(withId, "request-id") : null;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Non-JSON error bodies (gateways, proxies) keep the generic message.
            }
            requestId = RequestIds.Of(response) ?? requestId;
            TimeSpan? retryAfter = RetryAfterHeader.Read(name => response.Headers.TryGetValue(name, out string? value) ? value : null, time);
            return new ServiceRequestException(response.Status, code, message, requestId, retryAfter, scope);
        }

        /// <summary>The deepest innererror (Log Analytics nests them; Graph spells it innerError), or null.</summary>
        private static JsonElement? Innermost(JsonElement error)
        {
            JsonElement? deepest = null;
            for (JsonElement current = error; Inner(current) is JsonElement inner; current = inner) deepest = inner;
            return deepest;
        }

        private static JsonElement? Inner(JsonElement error)
        {
            foreach (JsonProperty property in error.EnumerateObject())
            {
                if (string.Equals(property.Name, "innererror", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
                    return property.Value;
            }
            return null;
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
