using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace CrossTenantSecurity
{
    /// <summary>
    /// A read-only list property of an output object. It stays a real list in the pipeline (Count, indexing,
    /// -contains), and its ToString joins the items with "; ", so Export-Csv and string expansion write
    /// "Compute; Data" instead of the type name.
    /// </summary>
    public sealed class ItemList<T> : ReadOnlyCollection<T>
    {
        public const string Separator = "; ";

        public ItemList(IList<T> items)
            : base(items ?? throw new ArgumentNullException(nameof(items)))
        {
        }

        public static ItemList<T> Empty { get; } = new ItemList<T>(Array.Empty<T>());

        public override string ToString() => string.Join(Separator, this);
    }

    /// <summary>Builds <see cref="ItemList{T}"/> from whatever a constructor was given.</summary>
    public static class ItemList
    {
        public static ItemList<T> From<T>(IEnumerable<T>? items) => items switch
        {
            null => ItemList<T>.Empty,
            ItemList<T> list => list,
            _ => new ItemList<T>(new List<T>(items)),
        };
    }
}
