using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace CrossTenantSecurity.Engine.Common
{
    /// <summary>
    /// The fields an item of a kind always carries, by dotted path and JSON type, declared with the kind:
    /// <c>new RequiredFields { { "properties.score.current", FieldType.Number } }</c>. Only what the API always sends and
    /// the output object cannot do without belongs here; fields not named (extra ones included) are not looked at.
    /// </summary>
    internal sealed class RequiredFields : IEnumerable<(string Path, FieldType Type)>
    {
        private readonly List<(string Path, FieldType Type)> _fields = new();

        public void Add(string path, FieldType type) => _fields.Add((path, type));

        /// <summary>What is wrong with <paramref name="item"/>, e.g. "properties.score.current is a string, not a number"; null when it fits.</summary>
        public string? ProblemWith(JsonElement item)
        {
            if (item.ValueKind != JsonValueKind.Object) return $"the resource is {JsonKinds.Describe(item.ValueKind)}, not an object";
            foreach ((string path, FieldType type) in _fields)
            {
                if (ProblemAt(item, path, type) is { } problem) return problem;
            }
            return null;
        }

        private static string? ProblemAt(JsonElement item, string path, FieldType type)
        {
            string[] names = path.Split('.');
            JsonElement current = item;
            for (int i = 0; i < names.Length; i++)
            {
                string reached = string.Join('.', names.Take(i + 1));
                if (current.ValueKind != JsonValueKind.Object) return $"{string.Join('.', names.Take(i))} is {JsonKinds.Describe(current.ValueKind)}, not an object";
                if (!Json.TryGetProperty(current, names[i], out current)) return $"{reached} is missing";
            }
            return Fits(current, type) ? null : $"{path} is {JsonKinds.Describe(current.ValueKind)}, not {(type == FieldType.Number ? "a number" : "a string")}";
        }

        private static bool Fits(JsonElement value, FieldType type) => type switch
        {
            FieldType.Number => Json.Double(value) is not null,
            _ => value.ValueKind == JsonValueKind.String,
        };

        public IEnumerator<(string Path, FieldType Type)> GetEnumerator() => _fields.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
