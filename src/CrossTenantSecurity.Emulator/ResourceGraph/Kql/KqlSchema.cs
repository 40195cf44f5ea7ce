using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>The ordered columns a pipeline stage produces, with their static types; used to bind names at parse time.</summary>
    internal sealed class KqlSchema
    {
        private readonly OrderedDictionary<string, KqlType> _columns;

        public KqlSchema() => _columns = new OrderedDictionary<string, KqlType>(System.StringComparer.Ordinal);

        public KqlSchema(IEnumerable<KeyValuePair<string, KqlType>> columns) : this()
        {
            foreach (var (name, type) in columns) _columns[name] = type;
        }

        public IReadOnlyList<string> Names => _columns.Keys.ToList();

        public IEnumerable<KeyValuePair<string, KqlType>> Columns => _columns;

        public bool Contains(string name) => _columns.ContainsKey(name);

        public bool TryGetType(string name, out KqlType type) => _columns.TryGetValue(name, out type);

        public void Set(string name, KqlType type) => _columns[name] = type;

        public void Remove(string name) => _columns.Remove(name);

        public KqlSchema Clone() => new(_columns);
    }
}
