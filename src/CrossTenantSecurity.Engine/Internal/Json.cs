using System.Text.Json;

namespace CrossTenantSecurity.Engine.Internal
{
    /// <summary>Tolerant readers for ARM JSON: a missing or differently typed property reads as null.</summary>
    internal static class Json
    {
        public static string? String(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
        }
    }
}
