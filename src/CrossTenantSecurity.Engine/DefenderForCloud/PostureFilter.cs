using System;
using System.Text.Json;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// What a read keeps of a kind: a test on the raw item, before any object is built (names, ids), and a test on
    /// the built object (status, severity). Both sources pass every item through the same two tests.
    /// </summary>
    internal sealed class PostureFilter<T>
    {
        public static readonly PostureFilter<T> All = new PostureFilter<T>();

        public Func<JsonElement, bool>? Item { get; init; }
        public Func<T, bool>? Keep { get; init; }

        public bool Admits(JsonElement item) => Item is null || Item(item);
        public bool Keeps(T value) => Keep is null || Keep(value);
    }
}
