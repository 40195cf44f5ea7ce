using System;
using System.Text.Json;
using Azure;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>Why the body of a success answer could not be read as JSON, in words fit for an error message.</summary>
    internal static class UnreadableBody
    {
        public static string Describe(Response response, JsonException error)
        {
            string contentType = response.Headers.ContentType ?? "no content type";
            if (Buffered(response) is not { } buffered) return $"the body is not valid JSON ({FirstSentence(error.Message)})";
            ReadOnlySpan<byte> body = buffered.Span.TrimStart(" \t\r\n"u8);
            if (body.IsEmpty) return $"the body is empty ({contentType})";
            if (body[0] == (byte)'<') return $"the body is an HTML or XML page ({contentType}), not JSON; a proxy may have answered instead of the service";
            return $"the body is not valid JSON, or is cut short ({FirstSentence(error.Message)})";
        }

        /// <summary>The body when the pipeline buffered it (it does by default); null when it streamed.</summary>
        private static ReadOnlyMemory<byte>? Buffered(Response response)
        {
            try { return response.Content.ToMemory(); }
            catch (InvalidOperationException) { return null; }
        }

        private static string FirstSentence(string message)
        {
            int end = message.IndexOf(". ", StringComparison.Ordinal);
            return end < 0 ? message.TrimEnd('.') : message.Substring(0, end);
        }
    }
}
