using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace CrossTenantSecurity.Engine.ResourceGraph
{
    /// <summary>
    /// A JSON object as a read-only dictionary that keeps the service's column order (Dictionary does not
    /// promise any order), so the cmdlet can emit properties in that order.
    /// </summary>
    internal sealed class ResourceGraphRow : IReadOnlyDictionary<string, object?>
    {
        private readonly List<KeyValuePair<string, object?>> _ordered = new();
        private readonly Dictionary<string, object?> _byName = new(StringComparer.Ordinal);

        /// <summary>Adds a column; a repeated name keeps its first value.</summary>
        public void Add(string name, object? value)
        {
            if (_byName.ContainsKey(name)) return;
            _byName.Add(name, value);
            _ordered.Add(new KeyValuePair<string, object?>(name, value));
        }

        public object? this[string key] => _byName[key];
        public IEnumerable<string> Keys { get { foreach (var pair in _ordered) yield return pair.Key; } }
        public IEnumerable<object?> Values { get { foreach (var pair in _ordered) yield return pair.Value; } }
        public int Count => _ordered.Count;
        public bool ContainsKey(string key) => _byName.ContainsKey(key);
        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _byName.TryGetValue(key, out value);
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _ordered.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
