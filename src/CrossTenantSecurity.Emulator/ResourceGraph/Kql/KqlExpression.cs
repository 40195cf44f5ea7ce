using System.Text.Json.Nodes;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>A bound scalar expression: evaluates against one row; Type is known at parse time for table results.</summary>
    internal abstract class KqlExpression
    {
        public abstract KqlType Type { get; }

        public abstract object? Evaluate(KqlRow row);

        /// <summary>The column name KQL gives an unnamed expression (e.g. properties_status for properties.status), or null.</summary>
        public virtual string? SuggestedName => null;
    }

    internal sealed class KqlColumnExpression : KqlExpression
    {
        private readonly KqlType _type;

        public KqlColumnExpression(string name, KqlType type)
        {
            Name = name;
            _type = type;
        }

        public string Name { get; }
        public override KqlType Type => _type;
        public override string? SuggestedName => Name;
        public override object? Evaluate(KqlRow row) => row[Name];
    }

    internal sealed class KqlLiteralExpression : KqlExpression
    {
        private readonly KqlType _type;

        public KqlLiteralExpression(object? value, KqlType type)
        {
            Value = value;
            _type = type;
        }

        public object? Value { get; }
        public override KqlType Type => _type;

        /// <summary>Dynamic literals are cloned so that two output cells never share one JsonNode.</summary>
        public override object? Evaluate(KqlRow row) => Value is JsonNode node ? node.DeepClone() : Value;
    }

    /// <summary>properties.a.b or properties['a'][0]: member names are case-sensitive, as in ARG.</summary>
    internal sealed class KqlPropertyExpression : KqlExpression
    {
        private readonly KqlExpression _target;
        private readonly KqlExpression _key;

        public KqlPropertyExpression(KqlExpression target, KqlExpression key)
        {
            _target = target;
            _key = key;
        }

        public override KqlType Type => KqlType.Dynamic;

        public override string? SuggestedName =>
            _target.SuggestedName is { } parent && _key is KqlLiteralExpression { Value: string name } ? parent + "_" + name : null;

        public override object? Evaluate(KqlRow row)
        {
            object? target = _target.Evaluate(row);
            object? key = _key.Evaluate(row);
            if (target is JsonObject obj && key is string name) return KqlValues.FromJson(Member(obj, name));
            if (target is JsonArray array && KqlValues.ToLong(key) is long index)
            {
                if (index < 0) index += array.Count;
                return index >= 0 && index < array.Count ? KqlValues.FromJson(array[(int)index]) : null;
            }
            return null;
        }

        private static JsonNode? Member(JsonObject obj, string name)
        {
            if (obj.Options?.PropertyNameCaseInsensitive != true) return obj.TryGetPropertyValue(name, out JsonNode? value) ? value : null;
            foreach (var (key, value) in obj)
            {
                if (key == name) return value;
            }
            return null;
        }
    }
}
