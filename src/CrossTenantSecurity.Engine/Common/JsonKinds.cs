using System.Text.Json;

namespace CrossTenantSecurity.Engine.Common
{
    /// <summary>JSON value kinds in words, for messages such as "value is null, not an array".</summary>
    internal static class JsonKinds
    {
        public static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => "missing",
        };
    }
}
