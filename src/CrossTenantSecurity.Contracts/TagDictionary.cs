using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace CrossTenantSecurity
{
    /// <summary>
    /// Azure tags (name to value, names compared case-insensitively as ARM does). A real dictionary in the
    /// pipeline; its ToString writes "env=prod; owner=secops", so a CSV cell is readable.
    /// </summary>
    public sealed class TagDictionary : ReadOnlyDictionary<string, string>
    {
        public TagDictionary(IEnumerable<KeyValuePair<string, string>>? tags)
            : base(Copy(tags))
        {
        }

        public static TagDictionary Empty { get; } = new TagDictionary(null);

        public override string ToString() => string.Join(ItemList<string>.Separator, this.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase).Select(t => $"{t.Key}={t.Value}"));

        private static Dictionary<string, string> Copy(IEnumerable<KeyValuePair<string, string>>? tags)
        {
            var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (tags is null) return copy;
            foreach (KeyValuePair<string, string> tag in tags) copy[tag.Key] = tag.Value;
            return copy;
        }
    }
}
